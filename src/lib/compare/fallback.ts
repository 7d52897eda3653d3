// The fallback for notes the diff cannot place (their passage and its surroundings were deleted,
// moved, or their article is gone): the note's own article first, then the rest of the new proof —
// only where new text appeared (the changed stretches of matched articles and whole added
// articles), since text that moved must show up there as an insertion. Exact occurrences of the
// quote come first (own article, then elsewhere), then fuzzy quote matching with prefix, suffix and
// a position hint (anchor's match-quote, scored like Hypothesis) for quotes long enough to be
// matched fuzzily. A match is trusted when the quote is long and nearly exact, or when the text
// right next to it agrees with the note's prefix and suffix. A note whose article the old proof
// does not have at all is looked for in every article. The places searched are joined into one
// text, so a note costs one search, not one per place.
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
/** Shortest quote (whitespace aside) matched fuzzily; shorter ones match anything. */
const FUZZY_MIN = 8;
/** Exact occurrences weighed per search. */
const MAX_OCCURRENCES = 2000;
const SEPARATOR = '\u0000';

/** Places joined into one searchable text, with the way back to (article, offset). */
class Haystack {
  readonly text: string;
  readonly #regions: Region[];
  readonly #starts: number[] = [];

  constructor(regions: Region[]) {
    this.#regions = regions;
    const parts: string[] = [];
    let at = 0;
    for (const r of regions) {
      this.#starts.push(at);
      const piece = articleText(r.article).text.slice(r.start, r.end);
      parts.push(piece);
      at += piece.length + SEPARATOR.length;
    }
    this.text = parts.join(SEPARATOR);
  }

  /** The article and article offsets of [start, end) of the joined text; null across a seam. */
  place(start: number, end: number): { article: Article; start: number; end: number } | null {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.#starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const r = this.#regions[lo];
    if (!r || this.text.slice(start, end).includes(SEPARATOR)) return null;
    const shift = r.start - this.#starts[lo]!;
    return { article: r.article, start: start + shift, end: end + shift };
  }
}

function nonSpace(s: string, n: number, fromEnd: boolean): string[] {
  const chars = Array.from(bare(s));
  return fromEnd ? chars.slice(-n) : chars.slice(0, n);
}

export function agreement(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const wantL = nonSpace(prefix, SIDE, true);
  const gotL = nonSpace(text.slice(Math.max(0, start - SIDE * 4), start), SIDE, true);
  const wantR = nonSpace(suffix, SIDE, false);
  const gotR = nonSpace(text.slice(end, end + SIDE * 4), SIDE, false);
  const total = wantL.length + wantR.length;
  if (total === 0) return 0;
  let left = 0;
  while (left < wantL.length && left < gotL.length && wantL[wantL.length - 1 - left] === gotL[gotL.length - 1 - left]) left++;
  let right = 0;
  while (right < wantR.length && right < gotR.length && wantR[right] === gotR[right]) right++;
  return (left + right) / total;
}

function trusted(quote: string, errors: number, agree: number, minAgreement: number): boolean {
  const length = bare(quote).length;
  if (errors === 0 && length >= 12) return true;
  if (errors * 8 <= quote.length && length >= 24) return true;
  return agree >= minAgreement;
}

interface Query {
  own: Article | null;
  /** The text looked for: the quote, or for a point its prefix's end and suffix's start. */
  needle: string;
  /** Where inside the needle the found passage starts and ends. */
  from: number;
  to: (needleEnd: number) => number;
  prefix: string;
  suffix: string;
  quote: string;
  fuzzy: (text: string, hint: number | undefined) => QuoteMatch | null;
  accept: (quote: string, errors: number, agree: number) => boolean;
}

export class Elsewhere {
  readonly #proofs: Proofs;
  readonly #own = new Map<Article, Haystack>();
  #changed: Haystack | null = null;
  #all: Haystack | null = null;

  constructor(proofs: Proofs) {
    this.#proofs = proofs;
  }

  #ownHay(article: Article): Haystack {
    let hay = this.#own.get(article);
    if (!hay) this.#own.set(article, (hay = new Haystack([{ article, start: 0, end: articleText(article).text.length }])));
    return hay;
  }

  /** Stretches of the new proof where text appeared, joined on first use. */
  #changedHay(): Haystack {
    if (this.#changed) return this.#changed;
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
    return (this.#changed = new Haystack(regions));
  }

  #allHay(): Haystack {
    return (this.#all ??= new Haystack(this.#proofs.newArticles.map((article) => ({ article, start: 0, end: articleText(article).text.length }))));
  }

  /** A match in `hay`, if trusted; matches in the note's own article count only when searching it alone. */
  #spot(hay: Haystack, q: Query, start: number, end: number, errors: number): Spot | null {
    const placed = hay.place(start, end);
    if (!placed || (placed.article === q.own && hay !== this.#own.get(placed.article))) return null;
    const text = articleText(placed.article).text;
    const agree = agreement(text, placed.start, placed.end, q.prefix, q.suffix);
    if (!q.accept(q.quote, errors, agree)) return null;
    return { ...placed, other: placed.article !== q.own, errors, agreement: agree };
  }

  #exact(hay: Haystack, q: Query, hint: number | undefined): Spot | null {
    let best: Spot | null = null;
    let bestScore = -Infinity;
    let seen = 0;
    for (let at = hay.text.indexOf(q.needle); at !== -1 && seen < MAX_OCCURRENCES; at = hay.text.indexOf(q.needle, at + 1), seen++) {
      const spot = this.#spot(hay, q, at + q.from, q.to(at + q.needle.length), 0);
      if (!spot) continue;
      const distance = hint === undefined || spot.other ? 0 : Math.abs(spot.start - hint) / Math.max(1, hay.text.length);
      const score = spot.agreement - distance * 0.1;
      if (score > bestScore) [best, bestScore] = [spot, score];
    }
    return best;
  }

  #fuzzy(hay: Haystack, q: Query, hint: number | undefined): Spot | null {
    if (bare(q.needle).length < FUZZY_MIN) return null;
    const m = q.fuzzy(hay.text, hint);
    return m ? this.#spot(hay, q, m.start, m.end, m.errors) : null;
  }

  #search(q: Query, options: SearchOptions): Spot | null {
    const own = q.own ? this.#ownHay(q.own) : null;
    const rest = options.everywhere ? this.#allHay() : this.#changedHay();
    return (
      (own && this.#exact(own, q, options.hint)) ||
      this.#exact(rest, q, undefined) ||
      (own && this.#fuzzy(own, q, options.hint)) ||
      this.#fuzzy(rest, q, undefined)
    );
  }

  quote(own: Article | null, quote: string, prefix: string, suffix: string, options: SearchOptions = {}): Spot | null {
    if (quote.length === 0) return null;
    const minAgreement = options.minAgreement ?? 0.5;
    return this.#search(
      {
        own, needle: quote, from: 0, to: (end) => end, prefix, suffix, quote,
        fuzzy: (text, hint) => matchQuote(text, quote, hint === undefined ? { prefix, suffix } : { prefix, suffix, hint }),
        accept: (q, errors, agree) => trusted(q, errors, agree, minAgreement),
      },
      options,
    );
  }

  point(own: Article | null, prefix: string, suffix: string, options: SearchOptions = {}): Spot | null {
    const head = prefix.slice(-SIDE);
    const tail = suffix.slice(0, SIDE);
    if (bare(head + tail).length === 0) return null;
    const minAgreement = options.minAgreement ?? 0.75;
    return this.#search(
      {
        own, needle: head + tail, from: head.length, to: (end) => end - tail.length, prefix, suffix, quote: '',
        fuzzy: (text, hint) => matchInsertionPoint(text, hint === undefined ? { prefix, suffix } : { prefix, suffix, hint }),
        accept: (_, __, agree) => agree >= minAgreement,
      },
      options,
    );
  }
}
