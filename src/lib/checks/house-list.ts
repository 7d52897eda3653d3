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
  key: string;
}

interface Matchers {
  byFirst: Map<string, Matcher[]>;
  /** BMP code units some pair starts with (either case): the fast test for every other character. */
  starts: Uint8Array;
}

function matchers(pairs: readonly HousePair[]): Matchers {
  const byFirst = new Map<string, Matcher[]>();
  const starts = new Uint8Array(0x10000);
  for (const pair of pairs) {
    if (!pair.wrong) continue;
    const latin = isLatin(pair.wrong);
    const key = latin ? pair.wrong.toLowerCase() : pair.wrong;
    const list = byFirst.get(key[0]!) ?? [];
    list.push({ pair, latin, key });
    byFirst.set(key[0]!, list);
    starts[key.charCodeAt(0)] = 1;
    if (latin) starts[key[0]!.toUpperCase().charCodeAt(0)] = 1;
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  return { byFirst, starts };
}

/** The text at `at` is the right form that contains the wrong one (wrong 截止, right 截止日期). */
function readsRight(text: string, at: number, pair: HousePair): boolean {
  const k = pair.right.indexOf(pair.wrong);
  return k >= 0 && at - k >= 0 && text.startsWith(pair.right, at - k);
}

function blockFindings(articleId: string, block: Block, { byFirst, starts }: Matchers): Finding[] {
  const text = block.text;
  const lower = text.toLowerCase();
  const out: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!starts[text.charCodeAt(i)]) continue;
    const list = byFirst.get(text[i]!) ?? (lower[i] !== text[i] ? byFirst.get(lower[i]!) : undefined);
    if (!list) continue;
    for (const { pair, latin, key } of list) {
      const end = i + key.length;
      if (!(latin ? lower.startsWith(key, i) : text.startsWith(key, i))) continue;
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
