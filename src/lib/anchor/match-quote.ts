// Find a quote in a text, tolerating small edits, and pick the best of several candidates by
// how well the surrounding context and the expected position agree (after Hypothesis's match-quote.ts).

import search from 'approx-string-match';

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected start offset of the quote in `text`. */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  errors: number;
  /** 0..1, higher is better. */
  score: number;
}

/** Errors tolerated for a quote of this length: a quarter of it, none for very short quotes. */
export function maxErrorsFor(length: number): number {
  return Math.min(256, Math.floor(length / 4));
}

function candidates(text: string, pattern: string, maxErrors: number): { start: number; end: number; errors: number }[] {
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  if (exact.length > 0 || maxErrors === 0) return exact;
  return search(text, pattern, maxErrors);
}

/** 1 when `pattern` occurs in `text` unchanged, falling towards 0 with the edits needed. */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (text.length === 0) return 0;
  const best = candidates(text, pattern, pattern.length)[0];
  return best ? 1 - best.errors / pattern.length : 0;
}

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** The best match of `quote` in `text`, or null when none is within the error budget. */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length === 0) return null;
  const matches = candidates(text, quote, maxErrorsFor(quote.length));
  let best: QuoteMatch | null = null;
  for (const m of matches) {
    const prefix = context.prefix ?? '';
    const suffix = context.suffix ?? '';
    const prefixScore = similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix);
    const suffixScore = similarity(text.slice(m.end, m.end + suffix.length), suffix);
    const positionScore =
      context.hint === undefined || text.length === 0 ? 1 : 1 - Math.abs(m.start - context.hint) / text.length;
    const raw =
      QUOTE_WEIGHT * (1 - m.errors / quote.length) +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore;
    const score = raw / MAX_SCORE;
    if (!best || score > best.score) best = { start: m.start, end: m.end, errors: m.errors, score };
  }
  return best;
}

/**
 * Where an insertion point (empty quote) sits: the best place where prefix and suffix meet.
 * Returns a zero-width match.
 */
export function matchInsertionPoint(text: string, context: QuoteContext): QuoteMatch | null {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  const joined = prefix + suffix;
  if (joined.length === 0) return null;
  const hint = context.hint === undefined ? undefined : Math.max(0, context.hint - prefix.length);
  const m = matchQuote(text, joined, hint === undefined ? {} : { hint });
  if (!m) return null;
  const at = Math.min(m.end, m.start + prefix.length);
  return { start: at, end: at, errors: m.errors, score: m.score };
}
