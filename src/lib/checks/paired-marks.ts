// Paired marks (GB/T 15834-2011 4.8 引号, 4.9 括号, 4.15 书名号): an opening mark never closed, a
// closing mark that closes nothing, two pairs crossing, and double quotes (or book-title marks)
// nested in their own kind instead of ‘’ (or 〈〉). A quotation running over several paragraphs
// opens each and closes only the last (4.8), a right single quote between letters is an
// apostrophe, and 1）a） are list numbers, not brackets.

import type { Article, Block } from '../issue/types.ts';
import type { Check, Finding, Message } from './types.ts';
import { isDigit, isHanNumeral, isLatinLetter } from './chars.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';

const ID = 'paired-marks';

const PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ['“', '”', 'GB/T 15834-2011 4.8'],
  ['‘', '’', 'GB/T 15834-2011 4.8'],
  ['「', '」', 'GB/T 15834-2011 4.8'],
  ['『', '』', 'GB/T 15834-2011 4.8'],
  ['《', '》', 'GB/T 15834-2011 4.15'],
  ['〈', '〉', 'GB/T 15834-2011 4.15'],
  ['（', '）', 'GB/T 15834-2011 4.9'],
  ['(', ')', 'GB/T 15834-2011 4.9'],
  ['【', '】', 'GB/T 15834-2011 4.9'],
  ['〔', '〕', 'GB/T 15834-2011 4.9'],
  ['[', ']', 'GB/T 15834-2011 4.9'],
];
const OPENS = new Map(PAIRS.map(([o, c, r]) => [o, { close: c, reference: r }]));
const CLOSES = new Map(PAIRS.map(([o, c, r]) => [c, { open: o, reference: r }]));
/** Marks that nest in their own kind wrongly, and what the inner pair should be. */
const INNER: Record<string, readonly [string, string]> = { '“': ['‘', '’'], '《': ['〈', '〉'] };
const MULTI_PARAGRAPH = new Set(['“', '‘', '「', '『']);
/** The code units of every mark above: the fast test for the characters in between. */
const MARKS = new Uint8Array(0x10000);
for (const [o, c] of PAIRS) MARKS[o.charCodeAt(0)] = MARKS[c.charCodeAt(0)] = 1;

interface Open {
  mark: string;
  at: number;
  nested: boolean;
}

/** `’` after a letter or digit (don’t, students’, 90’s) is an apostrophe unless a ‘ is open. */
function apostrophe(text: string, i: number, stack: Open[]): boolean {
  return text[i] === '’' && !stack.some((o) => o.mark === '‘') && (isLatinLetter(text[i - 1]) || isDigit(text[i - 1]));
}

/** `1）`, `a)`, `一）` opening a block or a sentence: a list number. */
function listNumber(text: string, i: number): boolean {
  if (text[i] !== ')' && text[i] !== '）') return false;
  let j = i - 1;
  while (j >= 0 && (isDigit(text[j]) || isHanNumeral(text[j]) || /[a-zA-Z]/.test(text[j]!))) j--;
  if (j === i - 1 || i - 1 - j > 3) return false;
  return j < 0 || /[\s。；：;:]/.test(text[j]!);
}

function blockFindings(article: Article, index: number): Finding[] {
  const block: Block = article.blocks[index]!;
  const text = block.text;
  const out: Finding[] = [];
  const flag = (start: number, end: number, message: Message, reference: string, suggestion?: string) =>
    out.push(makeFinding(ID, article.id, block, start, end, { category: 'punctuation', message, reference, ...(suggestion !== undefined ? { suggestion: replaceWith(suggestion) } : {}) }));
  const unclosed = (o: Open) => {
    const close = OPENS.get(o.mark)!.close;
    flag(o.at, o.at + 1, { zh: `${cite(o.mark)}缺少配对的${cite(close)}`, en: `${cite(o.mark)} is never closed by ${cite(close)}` }, OPENS.get(o.mark)!.reference);
  };
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!MARKS[text.charCodeAt(i)]) continue;
    const ch = text[i]!;
    const open = OPENS.get(ch);
    const close = CLOSES.get(ch);
    if (open) {
      const top = stack[stack.length - 1];
      stack.push({ mark: ch, at: i, nested: !!top && top.mark === ch && ch in INNER });
      continue;
    }
    if (!close || apostrophe(text, i, stack)) continue;
    let k = stack.length - 1;
    while (k >= 0 && stack[k]!.mark !== close.open) k--;
    if (k < 0) {
      if (!listNumber(text, i)) flag(i, i + 1, { zh: `${cite(ch)}前面没有配对的${cite(close.open)}`, en: `${cite(ch)} closes no ${cite(close.open)}` }, close.reference);
      continue;
    }
    // Marks opened after the one this closes and still open cross it.
    for (const o of stack.splice(k + 1)) unclosed(o);
    const o = stack.pop()!;
    if (o.nested) {
      const [a, b] = INNER[o.mark]!;
      const inner = text.slice(o.at + 1, i);
      const message = o.mark === '“'
        ? { zh: `双引号里面的引号应用单引号：${cite(text.slice(o.at, i + 1))}`, en: `Quotes inside double quotes take single quotes: ${cite(text.slice(o.at, i + 1))}` }
        : { zh: `书名号里面的书名号应用单书名号：${cite(text.slice(o.at, i + 1))}`, en: `A title inside a title takes 〈〉: ${cite(text.slice(o.at, i + 1))}` };
      flag(o.at, i + 1, message, close.reference, a + inner + b);
    }
  }
  // A quotation over several paragraphs opens each one and closes only in the last.
  const next = article.blocks[index + 1];
  for (const o of stack) {
    if (MULTI_PARAGRAPH.has(o.mark) && next && next.text.trimStart().startsWith(o.mark)) continue;
    unclosed(o);
  }
  return out;
}

export const pairedMarks: Check = {
  id: ID,
  label: { zh: '引号括号书名号配对', en: 'Paired quotes and brackets' },
  run(issue) {
    return issue.articles.flatMap((a) => a.blocks.flatMap((_, i) => blockFindings(a, i)));
  },
};

