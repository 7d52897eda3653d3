// Numbers written two ways in one article (GB/T 15835-2011: keep one form): dates in Chinese
// numerals beside dates in Arabic ones (三月八日 / 3月7日), zero-padded beside plain (03月06日 /
// 3月5日), years (二〇二三年 / 2023年), numbered things (一号机 / 1号机), percentages (百分之三十 /
// 30%; 百分之百 is an idiom), thousands separators (12,345 / 23456) and range marks (3～5 / 6-8).
// The less used form is flagged, with the other as the suggestion where it can be written out.

import type { Article, Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { parseHanNumber } from './han-number.ts';

const ID = 'number-forms';
const REFERENCE = 'GB/T 15835-2011';

interface Form {
  block: Block;
  start: number;
  end: number;
  /** The same thing in the article's usual form, when it can be written out. */
  to?: string;
}

interface Kind {
  what: { zh: string; en: string };
  /** Two forms, each a pattern; matches of the less used one are flagged. */
  forms: [FormPattern, FormPattern];
}

interface FormPattern {
  name: { zh: string; en: string };
  re: RegExp;
  /** Rewrites a match in the other form, when it can. */
  convert?: (m: RegExpMatchArray) => string | undefined;
  /** Ties go against the form marked `loses`. */
  loses?: boolean;
}

const HAN = '[〇零一二三四五六七八九十]';
const plainDate = (m: RegExpMatchArray) => `${Number(m[1] ?? m[3])}月${Number(m[2] ?? m[4])}日`;

const KINDS: Kind[] = [
  {
    what: { zh: '日期', en: 'dates' },
    forms: [
      { name: { zh: '阿拉伯数字', en: 'Arabic numerals' }, re: /(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu },
      {
        name: { zh: '汉字数字', en: 'Chinese numerals' },
        re: new RegExp(`(${HAN}{1,3})月(${HAN}{1,3})日`, 'gu'),
        convert: (m) => {
          const month = parseHanNumber(m[1]!);
          const day = parseHanNumber(m[2]!);
          return Number.isNaN(month) || Number.isNaN(day) ? undefined : `${month}月${day}日`;
        },
        loses: true,
      },
    ],
  },
  {
    what: { zh: '日期', en: 'dates' },
    forms: [
      { name: { zh: '不补零', en: 'without leading zeros' }, re: /(?<!\d)(?:[1-9]|1[0-2])\s*月\s*[1-9]\d?\s*日/gu },
      { name: { zh: '补零', en: 'zero-padded' }, re: /(?<!\d)(?:(0[1-9])\s*月\s*(\d{1,2})|(1[0-2]|[1-9])\s*月\s*(0[1-9]))\s*日/gu, convert: plainDate, loses: true },
    ],
  },
  {
    what: { zh: '年份', en: 'years' },
    forms: [
      { name: { zh: '阿拉伯数字', en: 'Arabic numerals' }, re: /(?<!\d)(1[89]|20)\d\d\s*年/gu },
      { name: { zh: '汉字数字', en: 'Chinese numerals' }, re: /[一二][〇零一二三四五六七八九]{3}年/gu, convert: (m) => `${parseHanNumber(m[0].slice(0, 4))}年`, loses: true },
    ],
  },
  {
    what: { zh: '编号', en: 'numbered items' },
    forms: [
      { name: { zh: '阿拉伯数字', en: 'Arabic numerals' }, re: /(?<![\d月])\d{1,3}号(?![码院楼线])/gu },
      { name: { zh: '汉字数字', en: 'Chinese numerals' }, re: new RegExp(`(?<![统万唯同专单划逐均归合月])(${HAN}{1,3})号(?![召称令外码院楼线角])`, 'gu'), convert: (m) => `${parseHanNumber(m[1]!)}号`, loses: true },
    ],
  },
  {
    what: { zh: '百分数', en: 'percentages' },
    forms: [
      { name: { zh: '百分号', en: 'per cent signs' }, re: /\d+(?:\.\d+)?\s*[%％]/gu },
      { name: { zh: '汉字', en: 'words' }, re: new RegExp(`百分之(?!百)(${HAN}{1,3})`, 'gu'), convert: (m) => `${parseHanNumber(m[1]!)}%`, loses: true },
    ],
  },
  {
    what: { zh: '千位分隔', en: 'thousands separators' },
    forms: [
      { name: { zh: '不分节', en: 'no separator' }, re: /(?<![-\d,.，)）]|(?:电话|传真|热线|手机)[：:]?\s*)\d{5,8}(?![-\d,.]|\s*年)/gu, convert: (m) => m[0].replace(/\B(?=(\d{3})+$)/g, ',') },
      { name: { zh: '分节', en: 'separators' }, re: /(?<![\d.])\d{1,3}(?:[,\u2009\u202f]\d{3})+(?![\d])/gu, convert: (m) => m[0].replace(/[,\u2009\u202f]/g, '') },
    ],
  },
];

/** Numeric ranges: the mark between two numbers, when a unit, a word or % follows. */
const RANGE = /(?<![\d.:/-])\d+(?:\.\d+)?\s*([～~〜—–\-－])\s*\d+(?:\.\d+)?(?![\d.:/-])(?=\s*(?:[\u4e00-\u9fff%％]|[A-Za-z]{2}))/gu;

function collect(article: Article, re: RegExp): Array<{ block: Block; m: RegExpMatchArray }> {
  const out: Array<{ block: Block; m: RegExpMatchArray }> = [];
  for (const block of article.blocks) for (const m of block.text.matchAll(re)) out.push({ block, m });
  return out;
}

function articleFindings(article: Article): Finding[] {
  const out: Finding[] = [];
  const flag = (f: Form, message: { zh: string; en: string }) =>
    out.push(makeFinding(ID, article.id, f.block, f.start, f.end, { category: 'fact', message, reference: REFERENCE, ...(f.to ? { suggestion: replaceWith(f.to) } : {}) }));
  for (const kind of KINDS) {
    const [a, b] = kind.forms.map((form) => collect(article, form.re));
    if (!a!.length || !b!.length) continue;
    // The less used form is the odd one out; on a tie, the form marked `loses`.
    const aLoses = a!.length < b!.length || (a!.length === b!.length && !!kind.forms[0].loses);
    const [minority, form, other] = aLoses ? [a!, kind.forms[0], kind.forms[1]] : [b!, kind.forms[1], kind.forms[0]];
    for (const { block, m } of minority) {
      const to = form.convert?.(m);
      flag(
        { block, start: m.index!, end: m.index! + m[0].length, ...(to ? { to } : {}) },
        {
          zh: `${cite(m[0])}：本文${kind.what.zh}多用${other.name.zh}，这里用了${form.name.zh}`,
          en: `${cite(m[0])}: this article writes ${kind.what.en} with ${other.name.en}, here with ${form.name.en}`,
        },
      );
    }
  }
  // Range marks: one mark for every range in the article.
  const ranges = collect(article, RANGE);
  const byMark = new Map<string, typeof ranges>();
  for (const r of ranges) byMark.set(r.m[1]!, [...(byMark.get(r.m[1]!) ?? []), r]);
  if (byMark.size > 1) {
    const [usual] = [...byMark].sort((x, y) => y[1].length - x[1].length)[0]!;
    for (const [mark, list] of byMark) {
      if (mark === usual) continue;
      for (const { block, m } of list) {
        const at = m.index! + m[0].indexOf(mark);
        flag(
          { block, start: at, end: at + 1, to: usual },
          { zh: `${cite(m[0])}：本文数值范围多用${cite(usual)}，这里用了${cite(mark)}`, en: `${cite(m[0])}: ranges in this article take ${cite(usual)}, here ${cite(mark)}` },
        );
      }
    }
  }
  return out;
}

export const numberForms: Check = {
  id: ID,
  label: { zh: '数字用法前后不一', en: 'Mixed number forms' },
  run(issue) {
    return issue.articles.flatMap(articleFindings);
  },
};
