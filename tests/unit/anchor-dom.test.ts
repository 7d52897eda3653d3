// @vitest-environment happy-dom
// DOM Ranges over rendered blocks ↔ block ranges, with empty join markers and nested elements.
import { describe, expect, it } from 'vitest';
import { blockRangeToRange, indexBlocks, rangeToBlockRange } from '../../src/lib/anchor/dom.ts';

function render(): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML =
    '<h1 data-block-id="a.0">坚守党校初心</h1>' +
    '<p data-block-id="a.1">党校姓党，<span class="join"></span>是党校<em>工作的</em>根本原则。</p>' +
    '<aside class="margin">not issue text</aside>' +
    '<p data-block-id="a.2">Each country has its own path.</p>';
  document.body.replaceChildren(root);
  return root;
}

const block = (root: HTMLElement, id: string) => root.querySelector(`[data-block-id="${id}"]`)!;

describe('rangeToBlockRange', () => {
  it('counts characters across text nodes, empty markers and inline elements', () => {
    const root = render();
    const p = block(root, 'a.1');
    const em = p.querySelector('em')!;
    const range = document.createRange();
    range.setStart(p.childNodes[2]!, 1); // after "是"
    range.setEnd(em.firstChild!, 2); // after "工作"
    expect(rangeToBlockRange(range, root)).toEqual({ blockId: 'a.1', start: 6, endBlockId: 'a.1', end: 10 });
    expect(range.toString()).toBe(p.textContent!.slice(6, 10));
  });

  it('handles boundaries given as element offsets and selections across blocks', () => {
    const root = render();
    const range = document.createRange();
    range.setStart(block(root, 'a.0'), 0);
    range.setEnd(block(root, 'a.2').firstChild!, 4);
    expect(rangeToBlockRange(range, root)).toEqual({ blockId: 'a.0', start: 0, endBlockId: 'a.2', end: 4 });
  });

  it('snaps an end outside every block to the last covered block, and ignores collapsed ranges', () => {
    const root = render();
    const range = document.createRange();
    range.setStart(block(root, 'a.1').firstChild!, 2);
    range.setEnd(root.querySelector('aside')!.firstChild!, 3);
    expect(rangeToBlockRange(range, root)).toEqual({ blockId: 'a.1', start: 2, endBlockId: 'a.1', end: block(root, 'a.1').textContent!.length });
    range.collapse(true);
    expect(rangeToBlockRange(range, root)).toBeNull();
  });
});

describe('blockRangeToRange', () => {
  it('round-trips with rangeToBlockRange and covers exactly the block text', () => {
    const root = render();
    const text = block(root, 'a.1').textContent!;
    for (const [start, end] of [[0, 5], [5, 7], [6, 10], [3, text.length]] as const) {
      const r = blockRangeToRange(root, { blockId: 'a.1', start, endBlockId: 'a.1', end })!;
      expect(r.toString()).toBe(text.slice(start, end));
      expect(rangeToBlockRange(r, root)).toEqual({ blockId: 'a.1', start, endBlockId: 'a.1', end });
    }
  });

  it('spans blocks and uses a block index when given one', () => {
    const root = render();
    const blocks = indexBlocks(root);
    expect([...blocks.keys()]).toEqual(['a.0', 'a.1', 'a.2']);
    const r = blockRangeToRange(root, { blockId: 'a.1', start: 15, endBlockId: 'a.2', end: 4 }, blocks)!;
    expect(r.startContainer.textContent).toBe('根本原则。');
    expect(r.toString().endsWith('Each')).toBe(true);
  });

  it('returns null for a block that is not rendered or an offset past its text', () => {
    const root = render();
    expect(blockRangeToRange(root, { blockId: 'b.9', start: 0, endBlockId: 'b.9', end: 1 })).toBeNull();
    expect(blockRangeToRange(root, { blockId: 'a.0', start: 0, endBlockId: 'a.0', end: 99 })).toBeNull();
  });
});
