// Turn a selection inside one article into a target: the quoted text plus context on each side.

import type { Article } from '../issue/types.ts';
import { articleText, toArticleOffset } from './article-text.ts';
import { CONTEXT_LENGTH, type BlockRange, type Target } from './target.ts';

/**
 * The target for a range of an article, or null when a block is not in the article, an offset is
 * out of range, or the end comes before the start. A range may cross blocks; an empty range
 * (start = end) is an insertion point and has an empty quote.
 */
export function describeRange(article: Article, range: BlockRange, contextLength = CONTEXT_LENGTH): Target | null {
  const at = articleText(article);
  const start = toArticleOffset(at, range.blockId, range.start);
  const end = toArticleOffset(at, range.endBlockId, range.end);
  if (start === null || end === null || end < start) return null;
  return {
    articleId: article.id,
    blockId: range.blockId,
    start: range.start,
    endBlockId: range.endBlockId,
    end: range.end,
    quote: at.text.slice(start, end),
    prefix: at.text.slice(Math.max(0, start - contextLength), start),
    suffix: at.text.slice(end, end + contextLength),
  };
}
