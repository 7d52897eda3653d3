// Half-width punctuation in Chinese text (GB/T 15834-2011 第5章: Chinese text takes full-width
// marks): a comma, full stop, colon, semicolon, question or exclamation mark next to Han text, and
// brackets or straight double quotes around it or beside it. Numbers (1,000 3.5 10:30), Latin
// words and sentences, list numbers (1.), ellipses (…) and addresses (mail, web) keep theirs.

import type { Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { isCjkContext, isDigit, isHan, isLatinLetter } from './chars.ts';
import { cite, collapseRepeats, makeFinding, replaceWith } from './finding.ts';

const ID = 'half-width';
const REFERENCE = 'GB/T 15834-2011 第5章';
const FULL: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
/** Text before a `.` that makes it a list number's mark: a numeral opening the block or a sentence. */
const LIST_NUMBER = /(?:^|[。；：;:]\s*)[一二三四五六七八九十]{1,3}$/u;
const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+/giu;

/** The nearest character that is not a space, going `dir` from i. */
function near(text: string, i: number, dir: -1 | 1): { ch: string | undefined; at: number } {
  let j = i + dir;
  while (j >= 0 && j < text.length && (text[j] === ' ' || text[j] === '\u3000')) j += dir;
  return { ch: text[j], at: j };
}

function markFinding(text: string, i: number): { start: number; end: number; to: string } | null {
  const ch = text[i]!;
  const before = near(text, i, -1);
  const after = near(text, i, 1);
  const han = (c: string | undefined) => isHan(c) || (c !== undefined && isCjkContext(c) && !'“‘'.includes(c));
  if (isDigit(text[i - 1]) && isDigit(text[i + 1]) && ',.:'.includes(ch)) return null; // 1,000 3.5 10:30
  if (ch === '.') {
    if (text[i - 1] === '.' || text[i + 1] === '.') return null; // an ellipsis, the punctuation check's
    if (LIST_NUMBER.test(text.slice(0, i))) return null; // 一.加强… : a list number, the punctuation check's
    if (!han(text[i - 1]) || isLatinLetter(after.ch) || isDigit(after.ch)) return null;
  } else if (!han(before.ch) && !(han(after.ch) && !isLatinLetter(before.ch) && !isDigit(before.ch))) {
    return null;
  }
  // Spaces set around the mark go with it: 北京 , 上海 → 北京，上海.
  const start = han(before.ch) ? before.at + 1 : i;
  const end = han(after.ch) ? after.at : i + 1;
  return { start, end, to: FULL[ch]! };
}

function blockFindings(articleId: string, block: Block): Finding[] {
  const text = block.text;
  const skip = new Uint8Array(text.length);
  for (const m of text.matchAll(ADDRESS)) skip.fill(1, m.index, m.index + m[0].length);
  const out: Finding[] = [];
  const flag = (start: number, end: number, to: string) => {
    const quote = text.slice(start, end);
    out.push(
      makeFinding(ID, articleId, block, start, end, {
        category: 'punctuation',
        suggestion: replaceWith(to),
        message: { zh: `中文里用了半角标点${cite(quote)}，应作${cite(to)}`, en: `Half-width ${cite(quote)} in Chinese text: ${cite(to)}` },
        reference: REFERENCE,
      }),
    );
  };
  const parens: number[] = [];
  const quotes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (skip[i]) continue;
    if (ch === '(') parens.push(i);
    else if (ch === ')') {
      const o = parens.pop();
      if (o === undefined) continue;
      const inner = text.slice(o + 1, i);
      const around = isHan(near(text, o, -1).ch) || isHan(near(text, i, 1).ch) || [...inner].some(isHan);
      // (0971)8239550, (a), (1993) between Latin words: not Chinese text.
      if (around && !(/^\d+$/.test(inner) && isDigit(text[i + 1]))) flag(o, i + 1, `（${inner}）`);
    } else if (ch === '"') quotes.push(i);
    else if (',.;:?!'.includes(ch)) {
      const f = markFinding(text, i);
      if (f) flag(f.start, f.end, f.to);
    }
  }
  // Straight double quotes, paired in order, around or beside Han text.
  for (let k = 0; k + 1 < quotes.length; k += 2) {
    const o = quotes[k]!;
    const c = quotes[k + 1]!;
    const inner = text.slice(o + 1, c);
    if ([...inner].some(isHan) || isHan(text[o - 1]) || isHan(text[c + 1])) flag(o, c + 1, `“${inner}”`);
  }
  return out.sort((a, b) => a.start - b.start);
}

export const halfWidth: Check = {
  id: ID,
  label: { zh: '半角标点', en: 'Half-width punctuation' },
  run(issue) {
    // Which mark it is: the first character of the quote that is not a space.
    const kind = (f: { quote: string }) => f.quote.trim()[0] ?? '';
    return collapseRepeats(issue.articles.flatMap((a) => a.blocks.flatMap((b) => blockFindings(a.id, b))), kind);
  },
};
