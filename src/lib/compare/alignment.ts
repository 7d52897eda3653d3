// What a diff says about positions: which old token is which new token, what changed inside a
// stretch of old tokens, and where a character range of the old text lies in the new one (offsets
// inside an unchanged token and the whitespace at its edges are kept; a range edge inside a
// changed stretch moves to that stretch's edge).
//
//   new Alignment(hunks, oldLen, newLen)
//     .newOf(i) / .oldOf(j)   counterpart of an unchanged token, or -1
//     .hunkAt(i)              the hunk an old token belongs to, or null
//     .touching(i0, i1)       hunks that change old tokens [i0, i1) or insert strictly inside them;
//                             for a point (i0 = i1), hunks at it or around it
//     .kept(i0, i1)           how many of old tokens [i0, i1) are unchanged
//   mapRange(align, from, to, start, end) → {start, end} character offsets in `to`'s text

import type { Hunk } from './myers.ts';
import { tokenSpan, type Tokens } from './tokens.ts';

export class Alignment {
  readonly hunks: readonly Hunk[];
  readonly oldLen: number;
  readonly newLen: number;

  constructor(hunks: readonly Hunk[], oldLen: number, newLen: number) {
    this.hunks = hunks;
    this.oldLen = oldLen;
    this.newLen = newLen;
  }

  /** Index of the last hunk whose old start is ≤ i, or -1. */
  #lastFrom(i: number, key: 'o0' | 'n0'): number {
    let lo = 0;
    let hi = this.hunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hunks[mid]![key] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  newOf(i: number): number {
    const h = this.hunks[this.#lastFrom(i, 'o0')];
    if (!h) return i;
    return i < h.o1 ? -1 : i + h.n1 - h.o1;
  }

  oldOf(j: number): number {
    const h = this.hunks[this.#lastFrom(j, 'n0')];
    if (!h) return j;
    return j < h.n1 ? -1 : j + h.o1 - h.n1;
  }

  hunkAt(i: number): Hunk | null {
    const h = this.hunks[this.#lastFrom(i, 'o0')];
    return h && i < h.o1 ? h : null;
  }

  touching(i0: number, i1: number): Hunk[] {
    const out: Hunk[] = [];
    for (let k = Math.max(0, this.#lastFrom(i0, 'o0')); k < this.hunks.length; k++) {
      const h = this.hunks[k]!;
      if (h.o0 > i1) break;
      const hit = i0 === i1 ? h.o0 <= i0 && i0 <= h.o1 : (h.o0 < i1 && h.o1 > i0) || (h.o0 === h.o1 && i0 < h.o0 && h.o0 < i1);
      if (hit) out.push(h);
    }
    return out;
  }

  kept(i0: number, i1: number): number {
    let n = i1 - i0;
    for (let k = Math.max(0, this.#lastFrom(i0, 'o0')); k < this.hunks.length; k++) {
      const h = this.hunks[k]!;
      if (h.o0 >= i1) break;
      n -= Math.max(0, Math.min(i1, h.o1) - Math.max(i0, h.o0));
    }
    return n;
  }
}

/** Character offset of the boundary before token j (after the last token when j is past the end). */
export function boundaryChar(t: Tokens, j: number, fallback: number): number {
  if (j > 0 && j <= t.ends.length) return t.ends[j - 1]!;
  if (t.starts.length > 0) return t.starts[0]!;
  return fallback;
}

function newStart(align: Alignment, from: Tokens, to: Tokens, i: number, pos: number, fallback: number): number {
  if (i >= from.ids.length) return boundaryChar(to, to.ids.length, fallback);
  const j = align.newOf(i);
  if (j >= 0) {
    const floor = j > 0 ? to.ends[j - 1]! : to.starts[j]!;
    return Math.max(floor, to.starts[j]! + Math.min(pos - from.starts[i]!, to.ends[j]! - to.starts[j]!));
  }
  const h = align.hunkAt(i)!;
  return h.n1 > h.n0 ? to.starts[h.n0]! : boundaryChar(to, h.n0, fallback);
}

function newEnd(align: Alignment, from: Tokens, to: Tokens, i: number, pos: number, fallback: number): number {
  const j = align.newOf(i);
  if (j >= 0) {
    const ceil = j + 1 < to.ids.length ? to.starts[j + 1]! : to.ends[j]!;
    return Math.min(ceil, to.ends[j]! - Math.min(from.ends[i]! - pos, to.ends[j]! - to.starts[j]!));
  }
  const h = align.hunkAt(i)!;
  return h.n1 > h.n0 ? to.ends[h.n1 - 1]! : boundaryChar(to, h.n0, fallback);
}

/**
 * Where the character range [start, end) of `from` lies in `to`. `fallback` is the offset to use
 * when `to` has no tokens at all.
 */
export function mapRange(
  align: Alignment, from: Tokens, to: Tokens, start: number, end: number, fallback = 0,
): { start: number; end: number } {
  const [i0, i1] = tokenSpan(from, start, end);
  if (i0 === i1) {
    const at = mapPoint(align, from, to, i0, start, fallback);
    return { start: at, end: at };
  }
  const s = newStart(align, from, to, i0, start, fallback);
  const e = newEnd(align, from, to, i1 - 1, end, fallback);
  return { start: s, end: Math.max(s, e) };
}

/**
 * A point (or a stretch of whitespace) before token i: inside an unchanged token it keeps its
 * offset; between tokens it keeps its distance after the token before it, else sits before the
 * token after it; inside a changed stretch it goes to the start of what replaced it.
 */
function mapPoint(align: Alignment, from: Tokens, to: Tokens, i: number, pos: number, fallback: number): number {
  const n = from.ids.length;
  if (i < n && from.starts[i]! < pos) return newStart(align, from, to, i, pos, fallback);
  const prev = i - 1;
  const jp = prev >= 0 ? align.newOf(prev) : -1;
  if (jp >= 0) {
    const ceil = jp + 1 < to.ids.length ? to.starts[jp + 1]! : to.ends[jp]!;
    return Math.min(ceil, to.ends[jp]! + Math.max(0, pos - from.ends[prev]!));
  }
  const jn = i < n ? align.newOf(i) : -1;
  if (jn >= 0) return to.starts[jn]!;
  const h = align.hunkAt(i < n ? i : prev);
  if (!h) return boundaryChar(to, i < n ? 0 : to.ids.length, fallback);
  return boundaryChar(to, i >= n ? h.n1 : h.n0, fallback);
}
