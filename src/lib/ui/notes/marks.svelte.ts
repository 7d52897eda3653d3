// The noted passages told to assistive technology. Highlights are painted with the CSS Custom
// Highlight API, which puts nothing in the accessibility tree, so each block of the article is
// followed by a visually hidden list of its noted passages: role="mark" elements whose aria-details
// point at the note's card (id `note-<id>`). Only notes whose card is on the page are listed (the
// margin shows cards a page at a time), so every aria-details resolves.
// The margin writes the list; the article reads it block by block, each block subscribing to its
// own entry only, so a new note re-renders one paragraph, not a hundred thousand.

import { untrack } from 'svelte';

export interface Mark {
  /** The note's id; its card carries id `note-<id>`. */
  id: string;
  quote: string;
  blockId: string;
}

class BlockMarks {
  list = $state.raw<Mark[]>([]);
}

class Marks {
  #blocks = new Map<string, BlockMarks>();
  /** Bumped when some block gets its first mark: blocks with none yet listen to this alone. */
  #added = $state(0);
  /** The blocks that have marks now: a long article asks this first, so its other blocks cost nothing. */
  #marked = $state.raw<ReadonlySet<string>>(new Set());

  get marked(): ReadonlySet<string> {
    return this.#marked;
  }

  /** The marks in one block (reactive, per block). */
  in(blockId: string): Mark[] {
    const box = this.#blocks.get(blockId);
    if (box) return box.list;
    // A state made while a reader runs would not be tracked by it: boxes are made by set() only.
    void this.#added;
    return [];
  }

  /** Replaces every mark; blocks whose list is unchanged are left alone. */
  set(marks: readonly Mark[]): void {
    const next = new Map<string, Mark[]>();
    for (const m of marks) {
      const list = next.get(m.blockId);
      if (list) list.push(m);
      else next.set(m.blockId, [m]);
    }
    for (const [blockId, box] of this.#blocks) {
      const list = next.get(blockId) ?? [];
      if (!same(box.list, list)) box.list = list;
    }
    let added = false;
    for (const [blockId, list] of next) {
      if (!this.#blocks.has(blockId)) {
        const box = new BlockMarks();
        box.list = list;
        this.#blocks.set(blockId, box);
        added = true;
      }
    }
    if (added) this.#added++;
    const was = untrack(() => this.#marked);
    if (was.size !== next.size || [...next.keys()].some((id) => !was.has(id))) this.#marked = new Set(next.keys());
  }
}

function same(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.quote === b[i]!.quote);
}

export const marks = new Marks();
