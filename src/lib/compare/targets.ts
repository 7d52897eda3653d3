// Targets and context snippets from article offsets: the small glue between compare's offsets in
// an article's flattened text and anchor's targets.
//
//   targetAt(article, start, end) → Target | null   (quote, prefix and suffix read from the article)
//   snippet(text, start, end) → [left, right]       about ten characters each side within the block,
//                                                   whitespace as one space
//   sameStart(a, b) → boolean                       starts at the same block position and offset

import { articleText, BLOCK_SEPARATOR, rangeFromOffsets } from '../anchor/article-text.ts';
import { describeRange } from '../anchor/describe.ts';
import type { Target } from '../anchor/target.ts';
import type { Article } from '../issue/types.ts';

export const SNIPPET_LENGTH = 10;

export function targetAt(article: Article, start: number, end: number): Target | null {
  const at = articleText(article);
  if (at.blockIds.length === 0) return null;
  const s = Math.max(0, Math.min(start, at.text.length));
  const e = Math.max(s, Math.min(end, at.text.length));
  const range = rangeFromOffsets(at, s, e);
  return range ? describeRange(article, range) : null;
}

const oneSpace = (s: string) => s.replace(/\s+/g, ' ');

export function snippet(text: string, start: number, end: number, length = SNIPPET_LENGTH): [string, string] {
  // Take a little more than needed so collapsing whitespace still leaves about `length` characters.
  // Blocks are joined by BLOCK_SEPARATOR; the context stays inside the change's own blocks.
  const before = text.slice(Math.max(0, start - length * 2), start);
  const after = text.slice(end, end + length * 2);
  const left = oneSpace(before.slice(before.lastIndexOf(BLOCK_SEPARATOR) + 1));
  const cut = after.indexOf(BLOCK_SEPARATOR);
  const right = oneSpace(cut < 0 ? after : after.slice(0, cut));
  return [Array.from(left).slice(-length).join(''), Array.from(right).slice(0, length).join('')];
}

/** The position of a block in its article: the number after the last dot of its id. */
function blockIndex(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot < 0 ? id : id.slice(dot + 1);
}

export function sameStart(a: Target, b: Target): boolean {
  return blockIndex(a.blockId) === blockIndex(b.blockId) && a.start === b.start;
}
