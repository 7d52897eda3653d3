// Map DOM Ranges over rendered blocks to block ranges and back. A block element carries
// `data-block-id` and its textContent is exactly the block's text (empty marker elements allowed).

import type { BlockRange } from './target.ts';

export const BLOCK_ATTRIBUTE = 'data-block-id';
const BLOCK_SELECTOR = `[${BLOCK_ATTRIBUTE}]`;

function blockOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el ? el.closest(BLOCK_SELECTOR) : null;
}

/** Characters of block text before the boundary point (node, offset) inside `block`. */
function offsetIn(block: Element, node: Node, offset: number): number {
  const before = block.ownerDocument.createRange();
  before.setStart(block, 0);
  before.setEnd(node, offset);
  return before.toString().length;
}

/**
 * The block range a DOM Range covers inside `root`. An end outside every block snaps to the
 * nearest block the range still covers. Null when the range touches no block or is collapsed.
 */
export function rangeToBlockRange(range: Range, root: ParentNode): BlockRange | null {
  if (range.collapsed) return null;
  let startBlock = blockOf(range.startContainer);
  let endBlock = blockOf(range.endContainer);
  let start = startBlock ? offsetIn(startBlock, range.startContainer, range.startOffset) : 0;
  let end = endBlock ? offsetIn(endBlock, range.endContainer, range.endOffset) : 0;
  if (!startBlock || !endBlock) {
    const covered = Array.from(root.querySelectorAll(BLOCK_SELECTOR)).filter((el) => range.intersectsNode(el));
    if (!startBlock) {
      startBlock = covered[0] ?? null;
      start = 0;
    }
    if (!endBlock) {
      endBlock = covered[covered.length - 1] ?? null;
      end = endBlock?.textContent?.length ?? 0;
    }
  }
  if (!startBlock || !endBlock) return null;
  const blockId = startBlock.getAttribute(BLOCK_ATTRIBUTE)!;
  const endBlockId = endBlock.getAttribute(BLOCK_ATTRIBUTE)!;
  if (blockId === endBlockId && end <= start) return null;
  return { blockId, start, endBlockId, end };
}

/** The element of a block inside `root`, if rendered. */
export function findBlockElement(root: ParentNode, blockId: string): Element | null {
  for (const el of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    if (el.getAttribute(BLOCK_ATTRIBUTE) === blockId) return el;
  }
  return null;
}

/**
 * The text node and offset at a character offset of a block. `side` picks between the end of one
 * text node and the start of the next when the offset falls between them.
 */
export function textPoint(block: Element, offset: number, side: 'start' | 'end'): { node: Node; offset: number } | null {
  const walker = block.ownerDocument.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    const len = text.data.length;
    if (offset < seen + len || (offset === seen + len && side === 'end')) {
      return { node: text, offset: offset - seen };
    }
    seen += len;
    last = text;
  }
  if (offset === seen) return last ? { node: last, offset: last.data.length } : { node: block, offset: 0 };
  return null;
}

/**
 * A DOM Range for a block range, or null when a block is not rendered or an offset is past its text.
 * `blocks` may map ids to elements to skip the lookup (useful when painting many highlights).
 */
export function blockRangeToRange(
  root: ParentNode,
  target: BlockRange,
  blocks?: ReadonlyMap<string, Element>,
): Range | null {
  const startBlock = blocks?.get(target.blockId) ?? findBlockElement(root, target.blockId);
  const endBlock =
    target.endBlockId === target.blockId ? startBlock : (blocks?.get(target.endBlockId) ?? findBlockElement(root, target.endBlockId));
  if (!startBlock || !endBlock) return null;
  const collapsed = target.blockId === target.endBlockId && target.start === target.end;
  const s = textPoint(startBlock, target.start, collapsed ? 'end' : 'start');
  const e = textPoint(endBlock, target.end, 'end');
  if (!s || !e) return null;
  const range = startBlock.ownerDocument.createRange();
  range.setStart(s.node, s.offset);
  range.setEnd(e.node, e.offset);
  return range;
}

/** Every rendered block under `root`, by id. */
export function indexBlocks(root: ParentNode): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    const id = el.getAttribute(BLOCK_ATTRIBUTE);
    if (id !== null) map.set(id, el);
  }
  return map;
}
