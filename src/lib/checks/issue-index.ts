// The whole issue as one string, with a bigram index over it, built once per Issue and shared by
// the checks that ask "does this text occur elsewhere in the issue?" (duplicates, stitches, term
// and name variants, doubled characters). Blocks are separated by "\n", articles by "\u0001", so
// no match runs from one block into the next.

import type { Article, Block, Issue } from '../issue/types.ts';
import { CountTable } from './count-table.ts';

export interface Slot {
  article: Article;
  articleIndex: number;
  block: Block;
  blockIndex: number;
  /** Offset of the block's text in the issue string. */
  start: number;
}

const BLOCK_SEP = '\n';
const ARTICLE_SEP = '\u0001';

const EMPTY = new Int32Array(0);
const bigramKey = (text: string, i: number): number => text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
const isSep = (c: number): boolean => c === 0x0a || c === 0x01;

export class IssueIndex {
  readonly text: string;
  readonly slots: Slot[] = [];
  /** Bigram → slot; positions of each bigram are `#positions[#from[slot] …]`. */
  readonly #bigrams: CountTable;
  readonly #from: Int32Array;
  readonly #positions: Int32Array;
  #trigrams: CountTable | null = null;
  #gaps: [CountTable, CountTable] | null = null;

  constructor(issue: Issue) {
    const parts: string[] = [];
    let pos = 0;
    issue.articles.forEach((article, articleIndex) => {
      if (articleIndex > 0) {
        parts.push(ARTICLE_SEP);
        pos += 1;
      }
      article.blocks.forEach((block, blockIndex) => {
        if (blockIndex > 0) {
          parts.push(BLOCK_SEP);
          pos += 1;
        }
        this.slots.push({ article, articleIndex, block, blockIndex, start: pos });
        parts.push(block.text);
        pos += block.text.length;
      });
    });
    const t = (this.text = parts.join(''));
    const n = t.length;
    this.#bigrams = new CountTable(n);
    const slotOf = new Int32Array(n).fill(-1);
    for (let i = 0; i + 1 < n; i++) {
      const a = t.charCodeAt(i);
      const b = t.charCodeAt(i + 1);
      if (!isSep(a) && !isSep(b)) slotOf[i] = this.#bigrams.add(a * 0x10000 + b);
    }
    // Positions grouped by bigram, in text order within each group.
    const counts = this.#bigrams.counts;
    this.#from = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) this.#from[s + 1] = this.#from[s]! + counts[s]!;
    const fill = this.#from.slice(0, counts.length);
    this.#positions = new Int32Array(this.#from[counts.length]!);
    for (let i = 0; i < n; i++) {
      const s = slotOf[i]!;
      if (s >= 0) this.#positions[fill[s]!++] = i;
    }
  }

  /** Start positions of the two characters at `at` in `text`. */
  bigramPositions(text: string, at = 0): Int32Array {
    const s = this.#bigrams.slot(bigramKey(text, at));
    return s < 0 ? EMPTY : this.#positions.subarray(this.#from[s]!, this.#from[s + 1]!);
  }

  /**
   * Every start position of `s` (two characters or more) in the issue; none when `s` may be printed
   * more than `limit` times (its rarest bigram is), for callers that want only telling strings.
   */
  occurrences(s: string, limit = Infinity): number[] {
    if (s.length < 2) return [];
    let best = 0;
    let bestList = this.bigramPositions(s, 0);
    for (let j = 1; j + 1 < s.length && bestList.length > 1; j++) {
      const list = this.bigramPositions(s, j);
      if (list.length < bestList.length) {
        best = j;
        bestList = list;
      }
    }
    if (bestList.length > limit) return [];
    const out: number[] = [];
    for (const p of bestList) if (p - best >= 0 && this.text.startsWith(s, p - best)) out.push(p - best);
    return out;
  }

  count(s: string): number {
    return this.occurrences(s).length;
  }

  /** How often the three characters starting at `pos` occur in the issue (0 across a separator). */
  trigramCount(pos: number): number {
    const t = this.text;
    if (pos < 0 || pos + 2 >= t.length) return 0;
    if (!this.#trigrams) {
      const table = new CountTable(t.length);
      for (let i = 0; i + 2 < t.length; i++) {
        const c1 = t.charCodeAt(i), c2 = t.charCodeAt(i + 1), c3 = t.charCodeAt(i + 2);
        if (!isSep(c1) && !isSep(c2) && !isSep(c3)) table.add((c1 * 0x10000 + c2) * 0x10000 + c3);
      }
      this.#trigrams = table;
    }
    return this.#trigrams.count((t.charCodeAt(pos) * 0x10000 + t.charCodeAt(pos + 1)) * 0x10000 + t.charCodeAt(pos + 2));
  }

  /** How often character `a` is followed `gap` (2 or 3) places later by character `b`, in one block. */
  gapCount(a: string, b: string, gap: 2 | 3): number {
    const t = this.text;
    if (!this.#gaps) {
      const tables: [CountTable, CountTable] = [new CountTable(t.length), new CountTable(t.length)];
      for (let i = 0; i + 2 < t.length; i++) {
        const c1 = t.charCodeAt(i);
        if (isSep(c1) || isSep(t.charCodeAt(i + 1))) continue;
        const c3 = t.charCodeAt(i + 2);
        if (isSep(c3)) continue;
        tables[0].add(c1 * 0x10000 + c3);
        if (i + 3 < t.length && !isSep(t.charCodeAt(i + 3))) tables[1].add(c1 * 0x10000 + t.charCodeAt(i + 3));
      }
      this.#gaps = tables;
    }
    const table = gap === 2 ? this.#gaps[0] : this.#gaps[1];
    return table.count(a.charCodeAt(0) * 0x10000 + b.charCodeAt(0));
  }

  /** The slot holding issue offset `pos` (the block before, for a separator). */
  slotAt(pos: number): Slot {
    let lo = 0;
    let hi = this.slots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.slots[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return this.slots[lo]!;
  }
}

const cache = new WeakMap<Issue, IssueIndex>();

/** Parsed issues are never mutated, so the index is built once per Issue object. */
export function issueIndex(issue: Issue): IssueIndex {
  let index = cache.get(issue);
  if (!index) {
    index = new IssueIndex(issue);
    cache.set(issue, index);
  }
  return index;
}
