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
  /** Start positions of every bigram, sorted by (first, second, third character). */
  readonly #sorted: Int32Array;
  /** The distinct bigrams (first × 0x10000 + second), ascending, and where each one's positions start. */
  readonly #bigramKeys: Float64Array;
  readonly #bigramFrom: Int32Array;
  /** How often the trigram starting at each position occurs (0 across a separator). */
  readonly #trigramCounts: Int32Array;
  /** Counts of character pairs two and three places apart (for gapCount), built when first asked. */
  #gapTables: [CountTable, CountTable] | null = null;

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
    const codes = new Uint16Array(n + 1); // a separator, or the end, reads as 0
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      codes[i] = isSep(c) ? 0 : c;
    }
    let m = 0;
    for (let i = 0; i + 1 < n; i++) if (codes[i] && codes[i + 1]) m++;
    let order = new Int32Array(m);
    m = 0;
    for (let i = 0; i + 1 < n; i++) if (codes[i] && codes[i + 1]) order[m++] = i;
    // Three stable counting sorts, third character first: sorted by trigram, so by bigram too.
    let spare = new Int32Array(m);
    for (let offset = 2; offset >= 0; offset--) {
      countingSort(codes, offset, order, spare);
      const swap = order;
      order = spare;
      spare = swap;
    }
    this.#sorted = order;
    const keys: number[] = [];
    const from: number[] = [];
    this.#trigramCounts = new Int32Array(n);
    for (let k = 0; k < m; ) {
      const p = order[k]!;
      const a = codes[p]!;
      const b = codes[p + 1]!;
      keys.push(a * 0x10000 + b);
      from.push(k);
      let j = k;
      while (j < m && codes[order[j]!] === a && codes[order[j]! + 1] === b) {
        // A run of one trigram inside the bigram's run.
        const c = codes[order[j]! + 2]!;
        let e = j;
        while (e < m && codes[order[e]!] === a && codes[order[e]! + 1] === b && codes[order[e]! + 2] === c) e++;
        if (c) for (let x = j; x < e; x++) this.#trigramCounts[order[x]!] = e - j;
        j = e;
      }
      k = j;
    }
    from.push(m);
    this.#bigramKeys = Float64Array.from(keys);
    this.#bigramFrom = Int32Array.from(from);
  }

  /** Start positions of the two characters at `at` in `text` (in no particular order). */
  bigramPositions(text: string, at = 0): Int32Array {
    const key = bigramKey(text, at);
    const keys = this.#bigramKeys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = keys[mid]!;
      if (v === key) return this.#sorted.subarray(this.#bigramFrom[mid]!, this.#bigramFrom[mid + 1]!);
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return EMPTY;
  }

  /**
   * Every start position of `s` (two characters or more) in the issue, in no particular order;
   * none when `s` may be printed more than `limit` times (its rarest bigram is), for callers that
   * want only telling strings.
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
    return s.length === 2 ? this.bigramPositions(s).length : this.occurrences(s).length;
  }

  /** How often the three characters starting at `pos` occur in the issue (0 across a separator). */
  trigramCount(pos: number): number {
    return pos >= 0 && pos < this.#trigramCounts.length ? this.#trigramCounts[pos]! : 0;
  }

  /** How often character `a` is followed `gap` (2 or 3) places later by character `b`, within a block. */
  gapCount(a: string, b: string, gap: 2 | 3): number {
    if (!this.#gapTables) {
      // Built on first use only: an issue whose every junction is familiar never needs them.
      const t = this.text;
      const tables: [CountTable, CountTable] = [new CountTable(t.length), new CountTable(t.length)];
      for (let i = 0; i + 2 < t.length; i++) {
        const c1 = t.charCodeAt(i);
        if (isSep(c1) || isSep(t.charCodeAt(i + 1))) continue;
        const c3 = t.charCodeAt(i + 2);
        if (isSep(c3)) continue;
        tables[0].add(c1 * 0x10000 + c3);
        if (i + 3 < t.length && !isSep(t.charCodeAt(i + 3))) tables[1].add(c1 * 0x10000 + t.charCodeAt(i + 3));
      }
      this.#gapTables = tables;
    }
    return this.#gapTables[gap === 2 ? 0 : 1].count(a.charCodeAt(0) * 0x10000 + b.charCodeAt(0));
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

/** Stable sort of positions `from` into `to` by the code unit `offset` places after each. */
function countingSort(codes: Uint16Array, offset: number, from: Int32Array, to: Int32Array): void {
  const count = new Int32Array(0x10001);
  const m = from.length;
  for (let k = 0; k < m; k++) count[codes[from[k]! + offset]! + 1]!++;
  for (let c = 0; c < 0x10000; c++) count[c + 1]! += count[c]!;
  for (let k = 0; k < m; k++) {
    const p = from[k]!;
    to[count[codes[p + offset]!]!++] = p;
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
