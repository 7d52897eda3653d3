// Punctuation forms and combinations in Chinese text (GB/T 15834-2011): two stops in a row (，，
// 。。 ，。), a stop after an ellipsis (……。, 4.11), ellipses written ... 。。。 … or ···, dashes
// written -- ——— ── (4.10: ——), list numbers with the wrong mark after them (1、 → 1. ,
// 一. → 一、, （一）、 → （一）, 第一、 → 第一，), and a 顿号 between quoted or titled items
// (4.5.3.5: “甲”“乙”, 《甲》《乙》). English text: doubled , ; : and a space before , ; .
// ？！ ！！ ？？ and the twelve-dot ellipsis (…………) are allowed.

import type { Block } from '../issue/types.ts';
import type { Check, Finding, Message } from './types.ts';
import { isCjkContext } from './chars.ts';
import { cite, collapseRepeats, deletion, makeFinding, replaceWith } from './finding.ts';

const ID = 'punctuation';

interface Rule {
  re: RegExp;
  /** A block without any of these characters cannot match: the rule is not tried on it. */
  needs?: RegExp;
  /** Whether the match (at index, in text) is one; the span and the fix. */
  test(m: RegExpMatchArray, text: string): { start: number; end: number; to: string } | null;
  message(quote: string, to: string): Message;
  reference?: string;
}

const cjkAround = (text: string, start: number, end: number): boolean => {
  let b = start - 1;
  while (b >= 0 && text[b] === ' ') b--;
  let a = end;
  while (a < text.length && text[a] === ' ') a++;
  return isCjkContext(text[b]) || isCjkContext(text[a]);
};

const STRONGEST = ['。', '？', '！', '；', '：', '，', '、'];
const whole = (m: RegExpMatchArray, to: string) => ({ start: m.index!, end: m.index! + m[0].length, to });
/** A list number opens the block or follows a sentence (matched, not looked behind for: faster). */
const LIST_START = String.raw`(?:^|[。；：;:])\s*`;

const RULES: Rule[] = [
  {
    // Two or more stops in a row (not ？！ combinations; 。。。 is an ellipsis, below).
    re: /[，。、；：？！]{2,}/gu,
    test(m) {
      const s = m[0];
      if (/^[？！]+$/u.test(s) || /^。{3,}$/u.test(s)) return null;
      return whole(m, STRONGEST.find((c) => s.includes(c))!);
    },
    message: (q, to) => ({ zh: `${cite(q)}：标点重复，应作${cite(to)}`, en: `${cite(q)}: doubled punctuation, ${cite(to)}` }),
  },
  {
    re: /(……)+[。，、；：]/gu,
    test: (m) => whole(m, m[0].slice(0, -1)),
    message: (q) => ({ zh: `${cite(q)}：省略号后不再用点号`, en: `${cite(q)}: no stop after an ellipsis` }),
    reference: 'GB/T 15834-2011 4.11',
  },
  {
    // Ellipses in other forms, in Chinese text: ... 。。。 ··· ．．． and a lone or tripled …
    re: /\.{3,}|。{3,}|[·・．]{3,}|…+/gu,
    test(m, text) {
      const s = m[0];
      if (/^…+$/u.test(s) && (s.length === 2 || s.length === 4)) return null;
      if (!cjkAround(text, m.index!, m.index! + s.length)) return null;
      return whole(m, '……');
    },
    message: (q) => ({ zh: `${cite(q)}：省略号应作“……”`, en: `${cite(q)}: the ellipsis is “……”` }),
    reference: 'GB/T 15834-2011 4.11',
  },
  {
    // Dashes in other forms, in Chinese text: -- －－ —— with a space, three or more —, ── ――
    re: /-{2,}|－{2,}|—{3,}|— +—|─{2,}|―{2,}|[—–]-|-[—–]/gu,
    test: (m, text) => (cjkAround(text, m.index!, m.index! + m[0].length) ? whole(m, '——') : null),
    message: (q) => ({ zh: `${cite(q)}：破折号应作“——”`, en: `${cite(q)}: the dash is “——”` }),
    reference: 'GB/T 15834-2011 4.10',
  },
  {
    re: new RegExp(`${LIST_START}[一二三四五六七八九十]{1,3}([.．，,])(?=[\\u4e00-\\u9fff])`, 'gu'),
    test: (m) => ({ start: m.index! + m[0].length - 1, end: m.index! + m[0].length, to: '、' }),
    message: (q) => ({ zh: `汉字序号后用顿号，不用${cite(q)}`, en: `A Chinese numeral list number takes 、, not ${cite(q)}` }),
    reference: 'GB/T 15834-2011 4.5',
  },
  {
    re: new RegExp(`${LIST_START}\\d{1,2}([、，,])(?=[\\u4e00-\\u9fff])`, 'gu'),
    test: (m) => ({ start: m.index! + m[0].length - 1, end: m.index! + m[0].length, to: '.' }),
    message: (q) => ({ zh: `阿拉伯数字序号后用下脚点“.”，不用${cite(q)}`, en: `An Arabic list number takes “.”, not ${cite(q)}` }),
    reference: 'GB/T 15834-2011',
  },
  {
    re: new RegExp(`${LIST_START}(?:[（(][一二三四五六七八九十\\d]{1,3}[）)]|[①-⑳])([、.．，,：:])`, 'gu'),
    test: (m) => ({ start: m.index! + m[0].length - 1, end: m.index! + m[0].length, to: '' }),
    message: (q) => ({ zh: `带括号或圆圈的序号后不再加${cite(q)}`, en: `A bracketed or circled list number takes no ${cite(q)}` }),
    reference: 'GB/T 15834-2011',
  },
  {
    re: new RegExp(`${LIST_START}(?:第[一二三四五六七八九十]{1,3}|首先|其次|再次|最后)(、)`, 'gu'),
    test: (m) => ({ start: m.index! + m[0].length - 1, end: m.index! + m[0].length, to: '，' }),
    message: () => ({ zh: '“第一”“首先”一类序次语后用逗号', en: 'After 第一, 首先 and the like, a comma' }),
    reference: 'GB/T 15834-2011 4.4',
  },
  {
    // A 顿号 between quoted or titled items: “甲”、“乙” → “甲”“乙”.
    re: /[”》]、(?=[“《])/gu,
    test: (m) => ({ start: m.index! + 1, end: m.index! + 2, to: '' }),
    message: () => ({ zh: '并列的引号或书名号之间通常不用顿号', en: 'No 、 between items in quotes or title marks' }),
    reference: 'GB/T 15834-2011 4.5.3.5',
  },
  {
    // English: doubled , ; : and two full stops.
    needs: /[A-Za-z]/,
    re: /(?<=[A-Za-z)\]"'”’]) ?([,;:])\1+|(?<=[A-Za-z])\.\.(?!\.)/gu,
    test: (m, text) => (cjkAround(text, m.index!, m.index! + m[0].length) ? null : whole(m, m[0].trim()[0]!)),
    message: (q, to) => ({ zh: `${cite(q)}：标点重复，应作${cite(to)}`, en: `${cite(q)}: doubled punctuation, ${cite(to)}` }),
  },
  {
    // English: a space before , ; or a full stop that ends a sentence.
    needs: /[A-Za-z] +[,;.]/,
    re: /(?<=[A-Za-z]) +[,;.](?=\s|$)/gu,
    test: (m) => whole(m, m[0].trim()),
    message: (q, to) => ({ zh: `${cite(q)}：标点前不空格`, en: `${cite(q)}: no space before ${cite(to)}` }),
  },
];

function blockFindings(articleId: string, block: Block): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (rule.needs && !rule.needs.test(block.text)) continue;
    for (const m of block.text.matchAll(rule.re)) {
      const hit = rule.test(m, block.text);
      if (!hit) continue;
      const quote = block.text.slice(hit.start, hit.end);
      out.push(
        makeFinding(ID, articleId, block, hit.start, hit.end, {
          category: 'punctuation',
          suggestion: hit.to ? replaceWith(hit.to) : deletion,
          message: rule.message(quote, hit.to),
          ...(rule.reference ? { reference: rule.reference } : {}),
        }),
      );
    }
  }
  return out;
}

export const punctuation: Check = {
  id: ID,
  label: { zh: '标点用法', en: 'Punctuation' },
  run(issue) {
    const rule = (f: { quote: string; reference?: string; suggestion?: { text: string } }) => `${f.reference ?? ''}\u0000${f.quote}\u0000${f.suggestion?.text ?? ''}`;
    return collapseRepeats(issue.articles.flatMap((a) => a.blocks.flatMap((b) => blockFindings(a.id, b))), rule);
  },
};
