// Shaping a raw token diff for people. `cleanHunks` folds short equal stretches into the changes on
// both sides of them (an equality no longer than the change on either side, as diff-match-patch's
// semantic cleanup does), so a rewritten clause is one change, not five scattered characters —
// but never across punctuation, so two edits in neighbouring phrases stay two changes (one may have
// been asked for and the other not).
// `growToWords` widens each change to whole words and numbers by Intl.Segmenter (granularity
// 'word', the language): 青海→清海 rather than 青→清 inside a longer word, 2023→2024
// rather than 3→4. Both keep hunks in order and separated by at least one equal token.
//
//   cleanHunks(hunks, oldIds) → Hunk[]
//   wordBoundaries(text, language) → (offset) => boolean
//   growToWords(hunks, oldTokens, newTokens, isOldBoundary, isNewBoundary) → Hunk[]

import type { Hunk } from './myers.ts';
import { isMark, type Tokens } from './tokens.ts';

const size = (h: Hunk) => Math.max(h.o1 - h.o0, h.n1 - h.n0);

function hasMark(ids: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isMark(ids[i]!)) return true;
  return false;
}

export function cleanHunks(hunks: readonly Hunk[], oldIds: Int32Array): Hunk[] {
  const out: Hunk[] = [];
  for (const next of hunks) {
    let h = { ...next };
    for (;;) {
      const last = out[out.length - 1];
      if (!last) break;
      const gap = h.o0 - last.o1;
      if (gap > size(last) || gap > size(h) || hasMark(oldIds, last.o1, h.o0)) break;
      out.pop();
      h = { o0: last.o0, o1: h.o1, n0: last.n0, n1: h.n1 };
    }
    out.push(h);
  }
  return out;
}

const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenter(language: string): Intl.Segmenter | null {
  let s = segmenters.get(language);
  if (s === undefined) {
    try {
      s = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(language === 'other' ? undefined : language, { granularity: 'word' }) : null;
    } catch {
      s = null;
    }
    segmenters.set(language, s);
  }
  return s;
}

/** Word boundaries of `text`, asked one offset at a time (a short window around it is segmented). */
export function wordBoundaries(text: string, language: string): (offset: number) => boolean {
  const seg = segmenter(language);
  if (!seg) return () => true;
  return (offset) => {
    const from = Math.max(0, offset - 16);
    const window = text.slice(from, Math.min(text.length, offset + 16));
    const piece = seg.segment(window).containing(offset - from);
    return !piece || piece.index === offset - from;
  };
}

/** Whether the gap before token k is a word edge: the text's edge, whitespace or a block break, or a segment boundary. */
function edge(t: Tokens, k: number, isBoundary: (offset: number) => boolean): boolean {
  if (k <= 0 || k >= t.ids.length) return true;
  const at = t.starts[k]!;
  return t.ends[k - 1]! !== at || isBoundary(at);
}

/** Tokens a change may grow by on each side (CJK words are short; a Latin word is one token). */
const MAX_GROWTH = 6;

export function growToWords(
  hunks: readonly Hunk[],
  oldTokens: Tokens,
  newTokens: Tokens,
  isOldBoundary: (offset: number) => boolean,
  isNewBoundary: (offset: number) => boolean,
): Hunk[] {
  const grown: Hunk[] = [];
  hunks.forEach((h, k) => {
    const floor = k > 0 ? hunks[k - 1]!.o1 : 0;
    const ceil = k + 1 < hunks.length ? hunks[k + 1]!.o0 : oldTokens.ids.length;
    let { o0, o1, n0, n1 } = h;
    for (let step = 0; step < MAX_GROWTH && o0 > floor && !(edge(oldTokens, o0, isOldBoundary) && edge(newTokens, n0, isNewBoundary)); step++) {
      o0--;
      n0--;
    }
    for (let step = 0; step < MAX_GROWTH && o1 < ceil && !(edge(oldTokens, o1, isOldBoundary) && edge(newTokens, n1, isNewBoundary)); step++) {
      o1++;
      n1++;
    }
    const last = grown[grown.length - 1];
    if (last && o0 <= last.o1) {
      last.o1 = o1;
      last.n1 = n1;
    } else {
      grown.push({ o0, o1, n0, n1 });
    }
  });
  return grown;
}
