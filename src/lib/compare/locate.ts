// Where the diff of an article pair puts a passage of the old proof: its mapped offsets in the new
// article, whether anything inside it changed, and whether the diff can be trusted for it at all.
// The diff is trusted when the context (about ten characters) on both sides of the passage mostly
// survived, or the passage itself mostly did (four tokens or more, or with one side surviving);
// otherwise the passage sits in, or at the edge of, text that was deleted, moved or rewritten,
// and carry-over searches for it instead.
//
//   locate(pair, start, end) → Location

import { mapRange } from './alignment.ts';
import type { Pair } from './proofs.ts';
import { tokenSpan, type Tokens } from './tokens.ts';

export interface Location {
  /** Old tokens of the passage. */
  i0: number;
  i1: number;
  /** How many of them are unchanged. */
  kept: number;
  /** Nothing inside the passage (or at a point) changed. */
  untouched: boolean;
  /** The diff places the passage reliably. */
  trusted: boolean;
  /** The passage's offsets in the new article (whole changed stretches where it was changed). */
  start: number;
  end: number;
}

/** Characters of context weighed on each side. */
export const CONTEXT_CHARS = 10;

/** Old tokens [from, to) covering at least `chars` characters on one side of token i. */
export function sideTokens(t: Tokens, i: number, chars: number, dir: -1 | 1): [number, number] {
  let k = i;
  let seen = 0;
  if (dir < 0) {
    while (k > 0 && seen < chars) {
      k--;
      seen += t.ends[k]! - t.starts[k]!;
    }
    return [k, i];
  }
  while (k < t.ids.length && seen < chars) {
    seen += t.ends[k]! - t.starts[k]!;
    k++;
  }
  return [i, k];
}

export function locate(pair: Pair, start: number, end: number): Location {
  const { align } = pair;
  const from = pair.old.tokens;
  const [i0, i1] = tokenSpan(from, start, end);
  const kept = align.kept(i0, i1);
  const untouched = align.touching(i0, i1).length === 0;
  const ratios: number[] = [];
  for (const [a, b] of [sideTokens(from, i0, CONTEXT_CHARS, -1), sideTokens(from, i1, CONTEXT_CHARS, 1)]) {
    if (b > a) ratios.push(align.kept(a, b) / (b - a));
  }
  const total = i1 - i0;
  const survived = total > 0 && kept * 2 >= total;
  const oneSide = ratios.some((r) => r >= 0.5);
  const bothSides = ratios.length > 0 && ratios.every((r) => r >= 0.5);
  const trusted = bothSides || (survived && (total >= 4 || oneSide || ratios.length === 0));
  const mapped = mapRange(align, from, pair.neu.tokens, start, end);
  return { i0, i1, kept, untouched, trusted, start: mapped.start, end: mapped.end };
}
