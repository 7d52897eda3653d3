// Find a target again in (possibly revised) article text: exactly at its offsets, else by its quote
// inside its block, else anywhere in the article (across blocks too), else report it as an orphan.

import type { Article } from '../issue/types.ts';
import { articleText, rangeFromOffsets, toArticleOffset, type ArticleText } from './article-text.ts';
import { matchInsertionPoint, matchQuote, type QuoteMatch } from './match-quote.ts';
import type { Anchor, Target } from './target.ts';

const ORPHAN: Anchor = { strategy: 'orphan', range: null, score: 0 };

function exactAt(at: ArticleText, target: Target): boolean {
  const start = toArticleOffset(at, target.blockId, target.start);
  const end = toArticleOffset(at, target.endBlockId, target.end);
  if (start === null || end === null || end < start) return false;
  if (at.text.slice(start, end) !== target.quote) return false;
  if (target.quote.length > 0) return true;
  // An insertion point has no quote to compare: its context must still touch it.
  const before = at.text.slice(Math.max(0, start - target.prefix.length), start);
  const after = at.text.slice(start, start + target.suffix.length);
  return before === target.prefix && after === target.suffix;
}

function match(text: string, target: Target, hint: number | undefined): QuoteMatch | null {
  const context = hint === undefined ? { prefix: target.prefix, suffix: target.suffix } : { prefix: target.prefix, suffix: target.suffix, hint };
  return target.quote.length > 0 ? matchQuote(text, target.quote, context) : matchInsertionPoint(text, context);
}

/** Find `target` in `article`, saying which strategy worked. Never throws; orphans are returned as such. */
export function findTarget(article: Article, target: Target): Anchor {
  const at = articleText(article);
  if (exactAt(at, target)) {
    return {
      strategy: 'exact',
      range: { blockId: target.blockId, start: target.start, endBlockId: target.endBlockId, end: target.end },
      score: 1,
    };
  }

  // Block ids are positions, so after an insertion the same id may name a neighbouring paragraph.
  // The block's own best match is weighed against the article's by quote and context score.
  const blockIndex = at.index.get(target.blockId) ?? -1;
  const single = target.blockId === target.endBlockId;
  let inBlock: QuoteMatch | null = null;
  if (blockIndex >= 0 && single) {
    const blockStart = at.starts[blockIndex]!;
    inBlock = match(at.text.slice(blockStart, blockStart + at.lengths[blockIndex]!), target, target.start);
  }
  const hint = blockIndex >= 0 ? at.starts[blockIndex]! + Math.min(target.start, at.lengths[blockIndex]!) : undefined;
  const inArticle = match(at.text, target, hint);
  const articleRange = inArticle ? rangeFromOffsets(at, inArticle.start, inArticle.end) : null;

  if (inArticle && articleRange && single && articleRange.blockId === target.blockId && articleRange.endBlockId === target.blockId) {
    return { strategy: 'block', range: articleRange, score: inArticle.score };
  }
  if (inBlock && (!inArticle || !articleRange || inBlock.score >= inArticle.score)) {
    return {
      strategy: 'block',
      range: { blockId: target.blockId, start: inBlock.start, endBlockId: target.blockId, end: inBlock.end },
      score: inBlock.score,
    };
  }
  if (inArticle && articleRange) return { strategy: 'article', range: articleRange, score: inArticle.score };
  return ORPHAN;
}
