// Which rendered blocks of an article are on or near the screen: a binary search over the block
// elements in document order (their tops only grow), so it costs a few layout reads whatever the
// article's length. The list of elements is kept while the article's chunk count stays the same.

import { BLOCK_ATTRIBUTE } from '../../anchor/dom.ts';

/** Past this many notes on one article (a flood from a peer), only those near the screen are painted and carded. */
export const CULL_AT = 2000;

const cache = new WeakMap<Element, { count: number; blocks: Element[] }>();

function blocksOf(article: Element): Element[] {
  const count = article.childElementCount;
  const known = cache.get(article);
  if (known && known.count === count) return known.blocks;
  const blocks = Array.from(article.querySelectorAll(`[${BLOCK_ATTRIBUTE}]`));
  cache.set(article, { count, blocks });
  return blocks;
}

/**
 * Ids of the first and last rendered blocks that reach within `screens` screen heights of what
 * `scroller` shows; null ids when the article has no rendered block.
 */
export function blocksOnScreen(article: Element, scroller: Element, screens: number): { first: string | null; last: string | null } {
  const blocks = blocksOf(article);
  if (blocks.length === 0) return { first: null, last: null };
  const view = scroller === document.scrollingElement ? { top: 0, bottom: innerHeight } : scroller.getBoundingClientRect();
  const margin = (view.bottom - view.top) * screens;
  const top = view.top - margin;
  const bottom = view.bottom + margin;
  // First block whose bottom is below `top`.
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom < top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // Last block whose top is above `bottom`.
  lo = first;
  hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.getBoundingClientRect().top > bottom) hi = mid - 1;
    else lo = mid;
  }
  return { first: blocks[first]!.getAttribute(BLOCK_ATTRIBUTE), last: blocks[lo]!.getAttribute(BLOCK_ATTRIBUTE) };
}
