// Dates that cannot be (2月30日, 4月31日, 13月, 2023年2月29日, February 30) and weekdays that do
// not fall on the date given (2023年3月1日（星期二）: it was a Wednesday).

import type { Block } from '../issue/types.ts';
import type { Check, Finding, Message } from './types.ts';
import { cite, makeFinding } from './finding.ts';
import { parseHanNumber } from './han-number.ts';

const ID = 'dates';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAYS = '日一二三四五六';

const daysIn = (month: number, year: number | null): number =>
  month === 2 ? (year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

interface DateHit {
  start: number;
  end: number;
  year: number | null;
  month: number;
  day: number | null;
  /** Index 0 (Sunday) … 6 of a weekday printed right after the date. */
  weekday?: number;
}

const HAN_NUM = '[〇零一二三四五六七八九十]';
const PATTERNS: Array<{ re: RegExp; read(m: RegExpMatchArray): Omit<DateHit, 'start' | 'end'> | null }> = [
  {
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*[（(]?(?:星期|周|礼拜)([一二三四五六日天])[）)]?)?/gu,
    read: (m) => ({ year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]), ...weekday(m[4]) }),
  },
  {
    re: /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])/gu,
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: null }),
  },
  {
    re: new RegExp(`(?:(${HAN_NUM}{4})年)?(${HAN_NUM}{1,3})月(${HAN_NUM}{1,3})[日号]`, 'gu'),
    read(m) {
      const month = parseHanNumber(m[2]!);
      const day = parseHanNumber(m[3]!);
      return Number.isNaN(month) || Number.isNaN(day) ? null : { year: m[1] ? parseHanNumber(m[1]) : null, month, day };
    },
  },
  {
    re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gu'),
    read: (m) => ({ year: m[3] ? Number(m[3]) : null, month: monthOf(m[1]!), day: Number(m[2]) }),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}\\b(?:,?\\s+(\\d{4})\\b)?`, 'gu'),
    read: (m) => ({ year: m[3] ? Number(m[3]) : null, month: monthOf(m[2]!), day: Number(m[1]) }),
  },
  {
    re: /(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/gu,
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
  },
];

function weekday(ch: string | undefined): { weekday?: number } {
  if (!ch) return {};
  return { weekday: ch === '天' ? 0 : WEEKDAYS.indexOf(ch) };
}

function monthOf(name: string): number {
  const n = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

function problem(d: DateHit): Message | null {
  if (d.month < 1 || d.month > 12) return { zh: `没有${d.month}月`, en: `there is no month ${d.month}` };
  if (d.day === null) return null;
  const max = daysIn(d.month, d.year);
  if (d.day < 1 || d.day > max) {
    return d.month === 2 && d.day === 29
      ? { zh: `${d.year}年不是闰年，2月只有28天`, en: `${d.year} is not a leap year` }
      : { zh: `${d.month}月只有${max}天`, en: `month ${d.month} has ${max} days` };
  }
  if (d.weekday !== undefined && d.year !== null) {
    const actual = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
    if (actual !== d.weekday) return { zh: `这一天是星期${WEEKDAYS[actual]}`, en: `that day was a ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][actual]}` };
  }
  return null;
}

function blockFindings(articleId: string, block: Block): Finding[] {
  const out: Finding[] = [];
  if (!/[月\d]/u.test(block.text)) return out;
  const taken: Array<[number, number]> = [];
  for (const { re, read } of PATTERNS) {
    for (const m of block.text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      const d = read(m);
      if (!d) continue;
      taken.push([start, end]);
      const why = problem({ ...d, start, end });
      if (!why) continue;
      const quote = m[0];
      out.push(
        makeFinding(ID, articleId, block, start, end, {
          category: 'fact',
          message: { zh: `${cite(quote)}：日期有误，${why.zh}`, en: `${cite(quote)}: no such date, ${why.en}` },
        }),
      );
    }
  }
  return out;
}

export const dates: Check = {
  id: ID,
  label: { zh: '日期', en: 'Dates' },
  run(issue) {
    return issue.articles.flatMap((a) => a.blocks.flatMap((b) => blockFindings(a.id, b)));
  },
};
