// The fallback for notes the diff cannot place (their passage and its surroundings were deleted,
// moved, or their article is gone): fuzzy quote matching with prefix, suffix and a position hint
// (anchor's match-quote, scored like Hypothesis), first in the note's own article, then in the
// rest of the new proof — only where new text appeared (the changed stretches of matched articles
// and whole added articles), since text that moved must show up there as an insertion. A match is
// trusted when the quote is long and nearly exact, or when the text right next to it agrees with
// the note's prefix and suffix.
//
// A note whose article the old proof does not have at all is looked for in every article.
//
//   new Elsewhere(proofs).quote(own, quote, prefix, suffix, {hint?, minAgreement?, everywhere?}) → Spot | null
//   new Elsewhere(proofs).point(own, prefix, suffix, {hint?, minAgreement?, everywhere?}) → Spot | null

import { articleText } from '../anchor/article-text.ts';
import { matchInsertionPoint, matchQuote, type QuoteMatch } from '../anchor/match-quote.ts';
import type { Article } from '../issue/types.ts';
import type { Proofs } from './proofs.ts';
import { bare } from './similarity.ts';

export interface Spot {
  article: Article;
  start: number;
  end: number;
  /** In another article than the note's own. */
  other: boolean;
  errors: number;
  /** 0..1: how much of the note's prefix and suffix (eight characters each, whitespace aside) sits right next to it. */
  agreement: number;
}

export interface SearchOptions {
  /** Expected offset in the note's own article. */
  hint?: number;
  /** Share of the eight characters each side that must agree for a short or inexact match. */
  minAgreement?: number;
  /** Look in every article, not only where new text appeared. */
  everywhere?: boolean;
}

interface Region {
  article: Article;
  start: number;
  end: number;
}

/** Characters of unchanged text searched on each side of a changed stretch. */
const PAD = 64;
const SIDE = 8;

function nonSpace(s: string, n: number, fromEnd: boolean): string {
  const chars = Array.from(bare(s));
  return (fromEnd ? chars.slice(-n) : chars.slice(0, n)).join('');
}

export function agreement(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const wantL = Array.from(nonSpace(prefix, SIDE, true));
  const gotL = Array.from(nonSpace(text.slice(Math.max(0, start - SIDE * 4), start), SIDE, true));
  const wantR = Array.from(nonSpace(suffix, SIDE, false));
  const gotR = Array.from(nonSpace(text.slice(end, end + SIDE * 4), SIDE, false));
  const total = wantL.length + wantR.length;
  if (total === 0) return 0;
  let left = 0;
  while (left < wantL.length && left < gotL.length && wantL[wantL.length - 1 - left] === gotL[gotL.length - 1 - left]) left++;
  let right = 0;
  while (right < wantR.length && right < gotR.length && wantR[right] === gotR[right]) right++;
  return (left + right) / total;
}

function trusted(quote: string, m: QuoteMatch, agree: number, minAgreement: number): boolean {
  const length = bare(quote).length;
  if (m.errors === 0 && length >= 12) return true;
  if (m.errors * 8 <= quote.length && length >= 24) return true;
  return agree >= minAgreement;
}

const better = (a: Spot | null, b: Spot): boolean => !a || b.agreement - b.errors * 0.05 > a.agreement - a.errors * 0.05;

export class Elsewhere {
  readonly #proofs: Proofs;
  #regions: Region[] | null = null;

  constructor(proofs: Proofs) {
    this.#proofs = proofs;
  }

  /** Stretches of the new proof where text appeared, built on first use. */
  #where(): Region[] {
    if (this.#regions) return this.#regions;
    const regions: Region[] = [];
    for (const oldId of this.#proofs.articles.keys()) {
      const pair = this.#proofs.pair(oldId);
      if (!pair) continue;
      const { tokens, at, article } = pair.neu;
      let last: Region | null = null;
      for (const h of pair.align.hunks) {
        if (h.n1 <= h.n0) continue;
        const start = Math.max(0, tokens.starts[h.n0]! - PAD);
        const end = Math.min(at.text.length, tokens.ends[h.n1 - 1]! + PAD);
        if (last && start <= last.end) last.end = end;
        else regions.push((last = { article, start, end }));
      }
    }
    for (const article of this.#proofs.addedArticles()) regions.push({ article, start: 0, end: articleText(article).text.length });
    return (this.#regions = regions);
  }

  #everywhere(): Region[] {
    return this.#proofs.newArticles.map((article) => ({ article, start: 0, end: articleText(article).text.length }));
  }

  #search(
    own: Article | null,
    find: (text: string, hint: number | undefined) => QuoteMatch | null,
    accept: (text: string, m: QuoteMatch) => number | null,
    options: SearchOptions,
  ): Spot | null {
    const { hint } = options;
    if (own) {
      const text = articleText(own).text;
      const m = find(text, hint);
      const agree = m ? accept(text, m) : null;
      if (m && agree !== null) return { article: own, start: m.start, end: m.end, other: false, errors: m.errors, agreement: agree };
    }
    let best: Spot | null = null;
    for (const r of options.everywhere ? this.#everywhere() : this.#where()) {
      if (r.article === own) continue;
      const text = articleText(r.article).text;
      const m = find(text.slice(r.start, r.end), undefined);
      if (!m) continue;
      const start = r.start + m.start;
      const end = r.start + m.end;
      const agree = accept(text, { ...m, start, end });
      if (agree === null) continue;
      const spot: Spot = { article: r.article, start, end, other: true, errors: m.errors, agreement: agree };
      if (better(best, spot)) best = spot;
    }
    return best;
  }

  quote(own: Article | null, quote: string, prefix: string, suffix: string, options: SearchOptions = {}): Spot | null {
    if (quote.length === 0) return null;
    const minAgreement = options.minAgreement ?? 0.5;
    return this.#search(
      own,
      (text, h) => matchQuote(text, quote, h === undefined ? { prefix, suffix } : { prefix, suffix, hint: h }),
      (text, m) => {
        const agree = agreement(text, m.start, m.end, prefix, suffix);
        return trusted(quote, m, agree, minAgreement) ? agree : null;
      },
      options,
    );
  }

  point(own: Article | null, prefix: string, suffix: string, options: SearchOptions = {}): Spot | null {
    if (bare(prefix + suffix).length === 0) return null;
    const minAgreement = options.minAgreement ?? 0.75;
    return this.#search(
      own,
      (text, h) => matchInsertionPoint(text, h === undefined ? { prefix, suffix } : { prefix, suffix, hint: h }),
      (text, m) => {
        const agree = agreement(text, m.start, m.end, prefix, suffix);
        return agree >= minAgreement ? agree : null;
      },
      options,
    );
  }
}
