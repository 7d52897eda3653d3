// Anchor a passage described by W3C selectors in an issue: by position and quote in the article
// its source names, else by quote (with prefix and suffix) in every article, exact matches before
// approximate ones. The target is then described afresh from the issue's own text.

import { articleText, rangeFromOffsets } from '../anchor/article-text.ts';
import { describeRange } from '../anchor/describe.ts';
import { matchInsertionPoint, matchQuote, type QuoteMatch } from '../anchor/match-quote.ts';
import type { Target } from '../anchor/target.ts';
import type { Article, Issue } from '../issue/types.ts';
import { toCodeUnits } from './code-points.ts';
import type { RawSelectorSet } from './w3c-read.ts';

/** exact: where its position said, with its quote; quote: its quote found unchanged; fuzzy: found approximately. */
export type Anchoring = 'exact' | 'quote' | 'fuzzy';

export type Found = { ok: true; target: Target; anchoring: Anchoring } | { ok: false; reason: string };

interface Hit {
  article: Article;
  match: QuoteMatch;
}

function matchIn(text: string, sel: NonNullable<RawSelectorSet['quote']>, hint?: number): QuoteMatch | null {
  const context = hint === undefined ? { prefix: sel.prefix, suffix: sel.suffix } : { prefix: sel.prefix, suffix: sel.suffix, hint };
  return sel.exact === '' ? matchInsertionPoint(text, context) : matchQuote(text, sel.exact, context);
}

function better(a: Hit | null, b: Hit): Hit {
  return !a || b.match.score > a.match.score ? b : a;
}

function described(article: Article, start: number, end: number, anchoring: Anchoring): Found {
  const at = articleText(article);
  const range = rangeFromOffsets(at, start, end);
  const target = range ? describeRange(article, range) : null;
  return target ? { ok: true, target, anchoring } : { ok: false, reason: 'the passage could not be placed in the text' };
}

/** The passage in the article the source names, using its position when that still holds. */
function inArticle(article: Article, sel: RawSelectorSet): Found | null {
  const at = articleText(article);
  let start: number | null = null;
  let end: number | null = null;
  if (sel.position) {
    start = toCodeUnits(at.text, sel.position.start);
    end = toCodeUnits(at.text, sel.position.end);
  }
  if (start !== null && end !== null && (!sel.quote || at.text.slice(start, end) === sel.quote.exact)) {
    // An insertion point has no quote to compare: its context must still touch it.
    const q = sel.quote;
    const touching = !q || q.exact !== '' || (at.text.slice(0, start).endsWith(q.prefix) && at.text.slice(start).startsWith(q.suffix));
    if (touching) return described(article, start, end, 'exact');
  }
  if (!sel.quote) return null;
  const m = matchIn(at.text, sel.quote, start ?? undefined);
  if (!m) return null;
  return described(article, m.start, m.end, m.errors === 0 ? 'quote' : 'fuzzy');
}

/** The best place for the quote in the whole issue: unchanged matches first, approximate ones after. */
function inIssue(issue: Issue, quote: NonNullable<RawSelectorSet['quote']>): Found | null {
  let best: Hit | null = null;
  const exact = quote.exact === '' ? quote.prefix + quote.suffix : quote.exact;
  if (exact === '') return null;
  for (const article of issue.articles) {
    const text = articleText(article).text;
    if (!text.includes(exact)) continue;
    const match = matchIn(text, quote);
    if (match && match.errors === 0) best = better(best, { article, match });
  }
  if (!best) {
    for (const article of issue.articles) {
      const match = matchIn(articleText(article).text, quote);
      if (match) best = better(best, { article, match });
    }
  }
  if (!best) return null;
  return described(best.article, best.match.start, best.match.end, best.match.errors === 0 ? 'quote' : 'fuzzy');
}

/**
 * Find a passage: `article` is the article the annotation's source names (null when the source is
 * not one of ours or names an article not in this issue), `sel` its selectors.
 */
export function findInIssue(issue: Issue, article: Article | null, sel: RawSelectorSet): Found {
  if (article) {
    const found = inArticle(article, sel);
    if (found?.ok) return found;
  }
  if (!sel.quote) {
    return { ok: false, reason: article ? 'its position is outside the article' : 'it has no TextQuoteSelector, and no position in an article of this issue' };
  }
  return inIssue(issue, sel.quote) ?? { ok: false, reason: 'its quote is not in this issue' };
}
