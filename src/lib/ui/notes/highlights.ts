// Paints notes over the article with the CSS Custom Highlight API: one Highlight per category and
// per explicit colour (split into several past PER_HIGHLIGHT ranges: a Highlight built from too many
// ranges at once throws), one for the active note and one for the hovered note. The issue text is
// never wrapped in elements. Also answers "which notes are under this point?" for hover and click.

import { blockRangeToRange, indexBlocks } from '../../anchor/dom.ts';
import type { BlockRange } from '../../anchor/index.ts';
import { CATEGORIES, HIGHLIGHT_COLOURS, type Category, type HighlightColour } from '../../review/index.ts';

/** Semi-transparent, so overlapping notes of different categories stay visible. */
export const CATEGORY_COLOURS: Record<Category, string> = {
  typo: 'rgba(230, 57, 70, 0.28)',
  punctuation: 'rgba(245, 130, 32, 0.3)',
  fact: 'rgba(37, 99, 235, 0.24)',
  layout: 'rgba(147, 51, 234, 0.22)',
  style: 'rgba(22, 163, 74, 0.24)',
  other: 'rgba(202, 160, 0, 0.3)',
};
export const PEN_COLOURS: Record<HighlightColour, string> = {
  yellow: 'rgba(250, 204, 21, 0.4)',
  green: 'rgba(74, 222, 128, 0.35)',
  blue: 'rgba(96, 165, 250, 0.35)',
  pink: 'rgba(244, 114, 182, 0.35)',
  orange: 'rgba(251, 146, 60, 0.38)',
};

const PREFIX = 'proofroom-';
const categoryName = (c: Category) => `${PREFIX}cat-${c}`;
const colourName = (c: HighlightColour) => `${PREFIX}pen-${c}`;
const ACTIVE = `${PREFIX}active`;
const HOVER = `${PREFIX}hover`;
export const PAINTED_MARK = 'proofroom:painted';
/** Ranges per Highlight object. */
export const PER_HIGHLIGHT = 5000;

export interface Paintable {
  id: string;
  range: BlockRange;
  category: Category;
  colour: HighlightColour | null;
}

export const highlightsSupported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

const BACKGROUNDS = new Map<string, string>([
  ...CATEGORIES.map((c): [string, string] => [categoryName(c), CATEGORY_COLOURS[c]]),
  ...HIGHLIGHT_COLOURS.map((c): [string, string] => [colourName(c), PEN_COLOURS[c]]),
]);
const styled = new Set<string>();

/** The style rule for a highlight name (`<base>` or `<base>--<n>` for the n-th split), added once. */
function ensureStyle(name: string): void {
  if (styled.has(name)) return;
  let style = document.getElementById(`${PREFIX}highlight-styles`) as HTMLStyleElement | null;
  if (!style) {
    style = document.createElement('style');
    style.id = `${PREFIX}highlight-styles`;
    style.textContent = [
      `::highlight(${HOVER}) { text-decoration: underline dotted rgba(155, 44, 31, 0.8); text-decoration-thickness: 2px; }`,
      `::highlight(${ACTIVE}) { background-color: rgba(155, 44, 31, 0.16); text-decoration: underline solid #9b2c1f; text-decoration-thickness: 2px; }`,
    ].join('\n');
    document.head.append(style);
  }
  const background = BACKGROUNDS.get(name.split('--')[0]!);
  if (background) style.append(`\n::highlight(${name}) { background-color: ${background}; }`);
  styled.add(name);
}

const rangeKey = (r: BlockRange): string => `${r.blockId}\u0000${r.start}\u0000${r.endBlockId}\u0000${r.end}`;

export class HighlightPainter {
  #ranges = new Map<string, Range>();
  #names: string[] = [];
  // Ranges are kept from one paint to the next while the article's DOM stands. Every live Range is
  // updated by the browser on each DOM text change anywhere in the document, so making thousands of
  // new ones per paint made each later text update (a counter, a status) slower until GC.
  #root: Element | null = null;
  #text: object | null = null;
  #keys = new Map<string, string>();

  /** Ranges painted in the last pass, by note id. */
  get ranges(): ReadonlyMap<string, Range> {
    return this.#ranges;
  }

  /**
   * Replaces every highlight in one pass: ranges first, then one `set` per highlight. `text` is
   * what the root shows (the article object): another proof of the same article rewrites its text
   * nodes in place, which collapses the Ranges kept from before, so they are made anew.
   */
  paint(
    root: Element,
    items: readonly Paintable[],
    activeId: string | null,
    hoverId: string | null,
    text: object | null = null,
    placed = items.length,
  ): void {
    if (!highlightsSupported()) return;
    if (root !== this.#root || text !== this.#text) {
      this.#root = root;
      this.#text = text;
      this.#ranges = new Map();
      this.#keys = new Map();
    }
    let blocks: Map<string, Element> | undefined;
    const byName = new Map<string, Range[]>();
    const ranges = new Map<string, Range>();
    const keys = new Map<string, string>();
    for (const item of items) {
      const key = rangeKey(item.range);
      let range = this.#keys.get(item.id) === key ? this.#ranges.get(item.id) : undefined;
      if (!range || !range.startContainer.isConnected || !range.endContainer.isConnected) {
        range = blockRangeToRange(root, item.range, (blocks ??= indexBlocks(root))) ?? undefined;
      }
      if (!range) continue;
      ranges.set(item.id, range);
      keys.set(item.id, key);
      const name = item.colour ? colourName(item.colour) : categoryName(item.category);
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(range);
    }
    this.#ranges = ranges;
    this.#keys = keys;
    const names: string[] = [];
    for (const [base, list] of byName) {
      for (let k = 0; k * PER_HIGHLIGHT < list.length; k++) {
        const name = k === 0 ? base : `${base}--${k}`;
        ensureStyle(name);
        const h = new Highlight();
        for (const range of list.slice(k * PER_HIGHLIGHT, (k + 1) * PER_HIGHLIGHT)) h.add(range);
        h.priority = 0;
        CSS.highlights.set(name, h);
        names.push(name);
      }
    }
    const kept = new Set(names);
    for (const name of this.#names) if (!kept.has(name)) CSS.highlights.delete(name);
    this.#names = names;
    this.emphasise(activeId, hoverId);
    performance.mark(PAINTED_MARK, { detail: { count: ranges.size, placed } });
  }

  /** Repaints only the active and hovered notes. */
  emphasise(activeId: string | null, hoverId: string | null): void {
    if (!highlightsSupported()) return;
    this.#single(ACTIVE, activeId, 2);
    this.#single(HOVER, hoverId === activeId ? null : hoverId, 1);
  }

  #single(name: string, id: string | null, priority: number): void {
    const range = id === null ? undefined : this.#ranges.get(id);
    if (!range) {
      CSS.highlights.delete(name);
      return;
    }
    ensureStyle(name);
    const h = new Highlight(range);
    h.priority = priority;
    CSS.highlights.set(name, h);
  }

  /** Ids of the painted notes under the viewport point (x, y), shortest passage first. */
  hitTest(x: number, y: number): string[] {
    const point = caretAt(x, y);
    if (!point) return [];
    const hits: Array<{ id: string; length: number }> = [];
    for (const [id, range] of this.#ranges) {
      if (!range.isPointInRange(point.node, point.offset)) continue;
      // The caret snaps to the nearest character; only count it when the pointer is on the passage.
      if (!Array.from(range.getClientRects()).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) continue;
      hits.push({ id, length: range.toString().length });
    }
    return hits.sort((a, b) => a.length - b.length).map((h) => h.id);
  }

  clear(): void {
    if (!highlightsSupported()) return;
    for (const name of [...this.#names, ACTIVE, HOVER]) CSS.highlights.delete(name);
    this.#names = [];
    this.#ranges = new Map();
    this.#keys = new Map();
    this.#root = null;
  }
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
