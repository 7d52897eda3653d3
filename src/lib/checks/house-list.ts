// The house list (用字表): the editors' "wrong → right" pairs, or the starter list when the review
// has none yet, found wherever the wrong form is printed — unless the text there is the right form
// that contains it. Latin pairs match whole words, in any case, and keep the capital.

import type { Block } from '../issue/types.ts';
import type { Check, Finding, HousePair } from './types.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { starterHouseList } from './starter-house-list.ts';

const ID = 'house-list';

const isLatin = (s: string) => /^[\p{Script=Latin}\d '’-]+$/u.test(s);
const wordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

interface Matcher {
  pair: HousePair;
  latin: boolean;
  /** The wrong form, lower-cased for a Latin pair. */
  key: string;
}

interface Matchers {
  /** By the code unit the key starts with (lower-cased for Latin); longest key first. */
  byFirst: Map<number, Matcher[]>;
  /** BMP code units some pair starts with, in either case: the fast test for every other character. */
  starts: Uint8Array;
}

function matchers(pairs: readonly HousePair[]): Matchers {
  const byFirst = new Map<number, Matcher[]>();
  const starts = new Uint8Array(0x10000);
  for (const pair of pairs) {
    if (!pair.wrong) continue;
    const latin = isLatin(pair.wrong);
    const key = latin ? pair.wrong.toLowerCase() : pair.wrong;
    const first = key.charCodeAt(0);
    const list = byFirst.get(first) ?? [];
    list.push({ pair, latin, key });
    byFirst.set(first, list);
    starts[first] = 1;
    if (latin) starts[key[0]!.toUpperCase().charCodeAt(0)] = 1;
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  return { byFirst, starts };
}

/** `key` (lower case) is at `at` in any case. */
function latinAt(text: string, at: number, key: string): boolean {
  if (at + key.length > text.length) return false;
  for (let k = 0; k < key.length; k++) {
    const c = text.charCodeAt(at + k);
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (lower !== key.charCodeAt(k) && text[at + k]!.toLowerCase() !== key[k]) return false;
  }
  return true;
}

/** The text at `at` is the right form that contains the wrong one (wrong 截止, right 截止日期). */
function readsRight(text: string, at: number, pair: HousePair): boolean {
  const k = pair.right.indexOf(pair.wrong);
  return k >= 0 && at - k >= 0 && text.startsWith(pair.right, at - k);
}

function blockFindings(articleId: string, block: Block, { byFirst, starts }: Matchers): Finding[] {
  const text = block.text;
  const out: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!starts[code]) continue;
    const list = byFirst.get(code) ?? byFirst.get(code >= 0x41 && code <= 0x5a ? code + 0x20 : text[i]!.toLowerCase().charCodeAt(0));
    if (!list) continue;
    for (const { pair, latin, key } of list) {
      const end = i + key.length;
      if (!(latin ? latinAt(text, i, key) : text.startsWith(key, i))) continue;
      if (latin && (wordChar(text[i - 1]) || wordChar(text[end]))) continue;
      if (readsRight(text, i, pair)) continue;
      const quote = text.slice(i, end);
      const right = latin && /^\p{Lu}/u.test(quote) ? pair.right[0]!.toUpperCase() + pair.right.slice(1) : pair.right;
      const note = pair.note ? `（${pair.note}）` : '';
      out.push(
        makeFinding(ID, articleId, block, i, end, {
          category: 'typo',
          suggestion: replaceWith(right),
          message: { zh: `${cite(quote)}应作${cite(right)}${note}`, en: `${cite(quote)}: write ${cite(right)}${pair.note ? ` (${pair.note})` : ''}` },
          reference: '用字表',
        }),
      );
      i = end - 1;
      break;
    }
  }
  return out;
}

export const houseList: Check = {
  id: ID,
  label: { zh: '用字表', en: 'House list' },
  run(issue, options) {
    const pairs = options.houseList ?? starterHouseList();
    if (!pairs.length) return [];
    const m = matchers(pairs);
    return issue.articles.flatMap((a) => a.blocks.flatMap((b) => blockFindings(a.id, b, m)));
  },
};
