// One article as a single string (blocks joined by "\n"), with conversions between
// article offsets and (block id, offset in block).

import type { Article } from '../issue/types.ts';
import type { BlockRange } from './target.ts';

export const BLOCK_SEPARATOR = '\n';

export interface ArticleText {
  text: string;
  blockIds: string[];
  /** Article offset where each block's text starts (same order as blockIds). */
  starts: number[];
  lengths: number[];
  /** Block id → position in blockIds. */
  index: Map<string, number>;
}

// Articles of a parsed issue are never mutated, so their text is built once per object.
const built = new WeakMap<Article, ArticleText>();

export function articleText(article: Article): ArticleText {
  const cached = built.get(article);
  if (cached) return cached;
  const blockIds: string[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  const parts: string[] = [];
  let pos = 0;
  for (const block of article.blocks) {
    blockIds.push(block.id);
    starts.push(pos);
    lengths.push(block.text.length);
    parts.push(block.text);
    pos += block.text.length + BLOCK_SEPARATOR.length;
  }
  const index = new Map<string, number>();
  blockIds.forEach((id, i) => index.has(id) || index.set(id, i));
  const at: ArticleText = { text: parts.join(BLOCK_SEPARATOR), blockIds, starts, lengths, index };
  built.set(article, at);
  return at;
}

/** Article offset of a point in a block, or null when the block is unknown or the offset out of range. */
export function toArticleOffset(at: ArticleText, blockId: string, offset: number): number | null {
  const i = at.index.get(blockId);
  if (i === undefined) return null;
  const len = at.lengths[i]!;
  if (!Number.isInteger(offset) || offset < 0 || offset > len) return null;
  return at.starts[i]! + offset;
}

/**
 * The block point for an article offset. A separator between blocks belongs to neither: as a
 * start it moves to the next block's beginning, as an end to the previous block's end.
 */
export function fromArticleOffset(
  at: ArticleText,
  pos: number,
  side: 'start' | 'end',
): { blockId: string; offset: number } | null {
  const n = at.blockIds.length;
  for (let i = 0; i < n; i++) {
    const start = at.starts[i]!;
    const end = start + at.lengths[i]!;
    if (pos >= start && pos <= end) {
      if (side === 'start' && pos === end && i + 1 < n) {
        return { blockId: at.blockIds[i + 1]!, offset: 0 };
      }
      return { blockId: at.blockIds[i]!, offset: pos - start };
    }
    if (pos > end && i + 1 < n && pos < at.starts[i + 1]!) {
      return side === 'start'
        ? { blockId: at.blockIds[i + 1]!, offset: 0 }
        : { blockId: at.blockIds[i]!, offset: at.lengths[i]! };
    }
  }
  return null;
}

/** A block range from two article offsets. */
export function rangeFromOffsets(at: ArticleText, start: number, end: number): BlockRange | null {
  const s = fromArticleOffset(at, start, end > start ? 'start' : 'end');
  const e = fromArticleOffset(at, end, 'end');
  if (!s || !e) return null;
  return { blockId: s.blockId, start: s.offset, endBlockId: e.blockId, end: e.offset };
}
