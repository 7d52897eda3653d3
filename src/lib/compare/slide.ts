// Where an ambiguous insertion or deletion goes. When a deleted paragraph ends with "。" and so does
// the paragraph before it, a diff may delete "。调研期间…" instead of "调研期间…。": the same edit,
// slid by one token. Each pure insertion or deletion is slid, as far as the tokens allow, to where
// its edges fall on the best breaks in the text it removes or adds: a block break, then any
// whitespace; on a tie it stays where the diff put it.
//
//   slideHunks(hunks, oldTokens, oldText, newTokens, newText) → Hunk[]

import type { Hunk } from './myers.ts';
import type { Tokens } from './tokens.ts';

/** How good a place the gap before token k is for a change to start or end. */
function gapScore(t: Tokens, text: string, k: number): number {
  if (k <= 0 || k >= t.ids.length) return 2;
  const from = t.ends[k - 1]!;
  const to = t.starts[k]!;
  if (to === from) return 0;
  return text.slice(from, to).includes('\n') ? 2 : 1;
}

export function slideHunks(hunks: readonly Hunk[], oldT: Tokens, oldText: string, newT: Tokens, newText: string): Hunk[] {
  const out = hunks.map((h) => ({ ...h }));
  out.forEach((h, k) => {
    const deletion = h.n0 === h.n1 && h.o1 > h.o0;
    const insertion = h.o0 === h.o1 && h.n1 > h.n0;
    if (!deletion && !insertion) return;
    const [t, text, a, b] = deletion ? [oldT, oldText, h.o0, h.o1] : [newT, newText, h.n0, h.n1];
    const prev = out[k - 1];
    const next = out[k + 1];
    // Keep at least one equal token between this change and its neighbours.
    const floor = prev ? (deletion ? prev.o1 : prev.n1) + 1 : 0;
    const ceil = next ? (deletion ? next.o0 : next.n0) - 1 : t.ids.length;
    let best = 0;
    let bestScore = gapScore(t, text, a) + gapScore(t, text, b);
    for (let s = 1; b + s <= ceil && t.ids[a + s - 1] === t.ids[b + s - 1]; s++) {
      const score = gapScore(t, text, a + s) + gapScore(t, text, b + s);
      if (score > bestScore) [best, bestScore] = [s, score];
    }
    for (let s = 1; a - s >= floor && t.ids[a - s] === t.ids[b - s]; s++) {
      const score = gapScore(t, text, a - s) + gapScore(t, text, b - s);
      if (score > bestScore) [best, bestScore] = [-s, score];
    }
    h.o0 += best;
    h.o1 += best;
    h.n0 += best;
    h.n1 += best;
  });
  return out;
}
