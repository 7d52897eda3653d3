// A passage printed twice: a run of 15 characters or more that appears twice in one article's
// paragraphs (a column set twice, text pasted twice), and a whole paragraph printed in two
// articles. What is repeated on purpose is left alone: a run the issue prints three times or more
// (a formula), a run that starts inside quotation or title marks (a slogan, a document's name),
// titles echoed by the text and captions echoing a paragraph. A run printed twice in one article
// counts when one copy meets a page or column stitch or a paragraph's edge — where layout
// accidents happen — or when it is a sentence long (40 characters); shorter parallel phrasing
// (…3 人在生活中还存在不同程度的困难 … 6 人在生活中还存在不同程度的困难) is writing, not layout.

import type { Article, Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { textWeight } from './chars.ts';
import { cite, makeFinding } from './finding.ts';
import { issueIndex, type IssueIndex, type Slot } from './issue-index.ts';
import { pairedSpans, TITLE_PAIRS } from './quoted.ts';

const ID = 'duplicate';
const WINDOW = 15;
const MIN_WEIGHT = 15;
const SENTENCE = 40;
const BASE = 0x01000193;
const BASE_POW = (() => {
  let p = 1;
  for (let k = 0; k < WINDOW; k++) p = Math.imul(p, BASE);
  return p;
})();

const isBody = (b: Block): boolean => b.kind === 'paragraph' || b.kind === 'heading';

interface Run {
  block: number;
  start: number;
  end: number;
}

/** Characters inside quotation or title marks, where no duplicate starts. */
function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const [s, e] of [...pairedSpans(text), ...pairedSpans(text, TITLE_PAIRS)]) mask.fill(1, s, e);
  return mask;
}

/**
 * The copy ends or starts at a break: a paragraph's edge, or a stitch whose sides read as printed
 * nowhere else (a stitch inside a word the issue prints, 收|音机, is sound; a character of slack
 * allows for punctuation).
 */
function atBreak(index: IssueIndex, slot: Slot, run: Run): boolean {
  const text = slot.block.text;
  if (run.start <= 1 || run.end >= text.length - 1) return true;
  return (slot.block.joins ?? []).some((j) => {
    const edge = Math.abs(j.at - run.start) <= 1 || Math.abs(j.at - run.end) <= 1;
    if (!edge) return false;
    const pos = slot.start + j.at;
    return index.count(index.text.slice(pos - 2, pos + 1)) <= 1 && index.count(index.text.slice(pos - 1, pos + 2)) <= 1;
  });
}

/**
 * The first place each window of WINDOW characters was seen, keyed by its rolling hash: an
 * open-addressing table of typed arrays, reused from one article to the next (a new generation
 * empties it), because a 20-copy issue has a million windows.
 */
class Windows {
  #hashes = new Int32Array(0);
  #blocks = new Int32Array(0);
  #ats = new Int32Array(0);
  #gens = new Int32Array(0);
  #gen = 0;
  #mask = 0;

  reset(windows: number): void {
    let cap = 16;
    while (cap < windows * 2) cap *= 2;
    if (cap > this.#gens.length) {
      this.#hashes = new Int32Array(cap);
      this.#blocks = new Int32Array(cap);
      this.#ats = new Int32Array(cap);
      this.#gens = new Int32Array(cap);
      this.#mask = cap - 1;
    }
    this.#gen++;
  }

  /** The slot for `hash`: where it was put before (then `seen`), or a free one to `put` it in. */
  find(hash: number): number {
    let h = (Math.imul(hash, 0x9e3779b1) >>> 16) & this.#mask;
    while (this.#gens[h] === this.#gen && this.#hashes[h] !== hash) h = (h + 1) & this.#mask;
    return h;
  }

  seen(slot: number): boolean {
    return this.#gens[slot] === this.#gen;
  }

  put(slot: number, hash: number, block: number, at: number): void {
    this.#gens[slot] = this.#gen;
    this.#hashes[slot] = hash;
    this.#blocks[slot] = block;
    this.#ats[slot] = at;
  }

  block(slot: number): number {
    return this.#blocks[slot]!;
  }

  at(slot: number): number {
    return this.#ats[slot]!;
  }
}

function inArticle(index: IssueIndex, article: Article, slots: Slot[], first: Windows): Array<[Run, Run]> {
  const blocks = article.blocks;
  const broken = (run: Run) => atBreak(index, slots[run.block]!, run);
  const masks = blocks.map((b) => (isBody(b) ? quotedMask(b.text) : null));
  first.reset(blocks.reduce((n, b) => n + b.text.length, 0));
  const pairs: Array<[Run, Run]> = [];
  blocks.forEach((block, bi) => {
    const mask = masks[bi];
    if (!mask) return;
    const text = block.text;
    let clean = 0; // unmasked characters ending at i
    let hash = 0;
    for (let i = 0; i < text.length; i++) {
      hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
      if (i >= WINDOW) hash = (hash - Math.imul(text.charCodeAt(i - WINDOW), BASE_POW)) | 0;
      clean = mask[i] ? 0 : clean + 1;
      if (clean < WINDOW) continue;
      const at = i - WINDOW + 1;
      const slot = first.find(hash);
      if (!first.seen(slot)) {
        first.put(slot, hash, bi, at);
        continue;
      }
      const seen = { block: first.block(slot), at: first.at(slot) };
      const other = blocks[seen.block]!.text;
      if (!text.startsWith(other.slice(seen.at, seen.at + WINDOW), at)) continue;
      if (seen.block === bi && at - seen.at < WINDOW) continue; // a periodic stretch overlapping itself
      // Grow the match both ways as far as both copies agree (through quotes, once started outside).
      let s = 0;
      while (at - s - 1 >= 0 && seen.at - s - 1 >= 0 && text[at - s - 1] === other[seen.at - s - 1]) s++;
      let e = WINDOW;
      while (at + e < text.length && seen.at + e < other.length && text[at + e] === other[seen.at + e]) e++;
      if (seen.block === bi && seen.at + e > at - s) continue;
      const runText = text.slice(at - s, at + e);
      const a: Run = { block: seen.block, start: seen.at - s, end: seen.at + e };
      const b: Run = { block: bi, start: at - s, end: at + e };
      const weight = textWeight(runText);
      // Within one paragraph only a sentence-long repeat counts: shorter ones are parallel phrasing.
      const layout = a.block !== b.block && (broken(a) || broken(b));
      if (weight >= MIN_WEIGHT && (weight >= SENTENCE || layout) && index.count(runText) === 2) pairs.push([a, b]);
      // Continue after this copy; the windows inside it would only find the same pair again.
      i = at + e - 1;
      clean = 0;
      hash = 0;
      for (let k = Math.max(0, i - WINDOW + 1); k <= i; k++) hash = (Math.imul(hash, BASE) + text.charCodeAt(k)) | 0;
    }
  });
  return pairs;
}

export const duplicate: Check = {
  id: ID,
  label: { zh: '重复的段落', en: 'Duplicated passages' },
  run(issue) {
    const index = issueIndex(issue);
    const out: Finding[] = [];
    // The index's slots in reading order, grouped by article.
    const byArticle: Slot[][] = issue.articles.map(() => []);
    for (const slot of index.slots) byArticle[slot.articleIndex]!.push(slot);
    const windows = new Windows();
    issue.articles.forEach((article, ai) => {
      const slots = byArticle[ai]!;
      for (const [a, b] of inArticle(index, article, slots, windows)) {
        // The copy at a break is the stray one; otherwise the later one.
        const pick = atBreak(index, slots[a.block]!, a) && !atBreak(index, slots[b.block]!, b) ? a : b;
        const block = article.blocks[pick.block]!;
        const quote = block.text.slice(pick.start, pick.end);
        out.push(
          makeFinding(ID, article.id, block, pick.start, pick.end, {
            category: 'layout',
            message: { zh: `${cite(quote)}在本文中出现两次`, en: `${cite(quote)} is printed twice in this article` },
          }),
        );
      }
    });
    // A whole paragraph printed in two articles (and nowhere else).
    const paragraphs = new Map<string, Slot[]>();
    for (const slot of index.slots) {
      if (slot.block.kind !== 'paragraph') continue;
      const list = paragraphs.get(slot.block.text);
      if (list) list.push(slot);
      else paragraphs.set(slot.block.text, [slot]);
    }
    for (const [text, list] of paragraphs) {
      if (list.length !== 2 || list[0]!.article === list[1]!.article || textWeight(text) < MIN_WEIGHT || index.count(text) !== 2) continue;
      const { article, block } = list[1]!;
      out.push(
        makeFinding(ID, article.id, block, 0, text.length, {
          category: 'layout',
          message: { zh: `本段与另一篇文章中的一段相同：${cite(text)}`, en: `This paragraph is also printed in another article: ${cite(text)}` },
        }),
      );
    }
    return out;
  },
};
