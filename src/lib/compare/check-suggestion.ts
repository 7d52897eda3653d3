// 核红 for one suggestion whose neighbourhood the diff placed: compare a small window of the new
// proof with what the old proof had there (A Q B) and with what the suggestion asked for (A P B).
// Every suggestion is "replace old passage Q with P": a deletion has P = '', an insertion has an
// empty Q at its point (an insertion with a selected quote inserts P after the quote).
//
// The window is the passage plus about ten characters each side in the old proof, widened so no
// changed stretch is cut in two; its counterpart in the new proof follows from the diff. Comparing
// token sequences (whitespace and breaks aside), never alignments, keeps the verdict right when P
// already occurs next to Q or the quote occurs more than once:
//   applied               the new window is exactly A P B;
//   not-applied           it is exactly A Q B, or Q is still there whole (nothing inserted inside
//                         it) and that explains the new window at least as well as P does;
//   applied-with-changes  P is there whole (nothing inserted inside it; for a deletion, nothing put
//                         where Q was) but other text in the window changed too;
//   changed               neither: the passage changed, but not to P.
//
//   checkSuggestion(pair, interner, start, end, proposal) → {status, start, end}; start/end are where
//   P now is (applied, applied-with-changes), where Q still is (not-applied), or the changed stretch.

import { Alignment, boundaryChar, mapRange } from './alignment.ts';
import { CONTEXT_CHARS, sideTokens } from './locate.ts';
import { diffIds } from './myers.ts';
import type { Pair } from './proofs.ts';
import { sliceTokens, tokenize, tokenSpan, type Interner, type Tokens } from './tokens.ts';
import type { SuggestionCheck } from './types.ts';

export interface Verdict {
  status: Exclude<SuggestionCheck, 'orphaned'>;
  start: number;
  end: number;
}

function same(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Tokens [i, j) came through whole: not changed, nothing inserted inside; a point: nothing put at it. */
function whole(align: Alignment, i: number, j: number): boolean {
  if (i < j) return align.touching(i, j).length === 0;
  return align.touching(i, i).every((h) => h.o0 < h.o1 && (h.o0 === i || h.o1 === i));
}

const edits = (align: Alignment) => align.hunks.reduce((n, h) => n + h.o1 - h.o0 + h.n1 - h.n0, 0);

/** The old window [wa, wb) around tokens [i0, i1), widened to whole changed stretches, and its new counterpart. */
function windows(pair: Pair, i0: number, i1: number): { wa: number; wb: number; na: number; nb: number } {
  const { align } = pair;
  const t = pair.old.tokens;
  const oldLen = t.ids.length;
  let wa = sideTokens(t, i0, CONTEXT_CHARS, -1)[0];
  let wb = sideTokens(t, i1, CONTEXT_CHARS, 1)[1];
  const first = wa < oldLen ? align.hunkAt(wa) : null;
  if (first) wa = first.o0;
  const last = wb > 0 ? align.hunkAt(wb - 1) : null;
  if (last) wb = last.o1;
  if (oldLen === 0) return { wa: 0, wb: 0, na: 0, nb: align.newLen };
  const na = wa >= oldLen ? align.newLen : first ? first.n0 : align.newOf(wa);
  const nb = wb <= 0 ? 0 : last ? last.n1 : align.newOf(wb - 1) + 1;
  return { wa, wb, na, nb: Math.max(na, nb) };
}

export function checkSuggestion(pair: Pair, interner: Interner, start: number, end: number, proposal: string): Verdict {
  const oldT = pair.old.tokens;
  const newT = pair.neu.tokens;
  const text = pair.old.at.text;
  const [i0, i1] = tokenSpan(oldT, start, end);
  const { wa, wb, na, nb } = windows(pair, i0, i1);
  const oldWin = sliceTokens(oldT, wa, wb);
  const newWin = sliceTokens(newT, na, nb);
  const here = boundaryChar(newT, na, 0);

  // A P B, tokenized afresh: P may join the letters or digits next to it into one token.
  const from = Math.min(start, wb > wa ? oldT.starts[wa]! : start);
  const to = Math.max(end, wb > wa ? oldT.ends[wb - 1]! : end);
  const expected: Tokens = tokenize(text.slice(from, start) + proposal + text.slice(end, to), interner);
  const pStart = start - from;
  const pEnd = pStart + proposal.length;
  const [p0, p1] = tokenSpan(expected, pStart, pEnd);

  const asked = (align: Alignment): Verdict => {
    const r = mapRange(align, expected, newWin, pStart, pEnd, here);
    return { status: 'applied', start: r.start, end: r.end };
  };
  const kept = (align: Alignment): Verdict => {
    const r = mapRange(align, oldWin, newWin, start, end, here);
    return { status: 'not-applied', start: r.start, end: r.end };
  };

  if (same(expected.ids, newWin.ids)) return asked(new Alignment([], expected.ids.length, newWin.ids.length));
  if (same(oldWin.ids, newWin.ids)) return kept(new Alignment([], oldWin.ids.length, newWin.ids.length));

  const toAsked = new Alignment(diffIds(expected.ids, newWin.ids), expected.ids.length, newWin.ids.length);
  const toOld = new Alignment(diffIds(oldWin.ids, newWin.ids), oldWin.ids.length, newWin.ids.length);
  const pWhole = whole(toAsked, p0, p1);
  const qWhole = whole(toOld, i0 - wa, i1 - wa);
  if (pWhole && (!qWhole || edits(toAsked) < edits(toOld))) return { ...asked(toAsked), status: 'applied-with-changes' };
  if (qWhole) return kept(toOld);
  const r = mapRange(pair.align, oldT, newT, start, end);
  return { status: 'changed', start: r.start, end: r.end };
}
