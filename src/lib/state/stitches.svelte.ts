// Reviewing the parser's stitches: the list and count for the article on screen, going from one to
// the next (across articles), and the split / restore decisions, kept in the review doc
// (review/stitches.ts) so every peer sees them. Views read getters and call methods.

import type * as Y from 'yjs';
import { articleStitches, stitchCounts, type StitchPlace } from '../issue/stitch-list.ts';
import { readStitches, restoreStitch, splitStitch, stitchesMap, stitchKey, type StitchDecision, type StitchesView } from '../review/stitches.ts';
import type { Reader } from './reader.svelte.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';

export interface StitchItem extends StitchPlace {
  key: string;
  /** The split decision, when someone said these were two paragraphs. */
  split: StitchDecision | null;
}

/** What the article view needs to draw the marks. */
export interface StitchMarks {
  proofId: string;
  split: ReadonlySet<string>;
  current: string | null;
}

const EMPTY: StitchesView = { byKey: new Map(), skipped: 0 };

/** The decisions of one review doc, re-read when its `stitches` map changes. */
class DocStitches {
  #changes = 0;
  #read = -1;
  #view: StitchesView = EMPTY;
  readonly #doc: Y.Doc;
  constructor(doc: Y.Doc, onChange: () => void) {
    this.#doc = doc;
    // Lives as long as the doc; destroying the doc removes it.
    stitchesMap(doc).observe(() => {
      this.#changes++;
      onChange();
    });
  }
  get view(): StitchesView {
    if (this.#read !== this.#changes) {
      this.#view = readStitches(this.#doc);
      this.#read = this.#changes;
    }
    return this.#view;
  }
}

export class Stitches {
  readonly #desk: ReviewDesk;
  readonly #reader: Reader;
  readonly #docs = new WeakMap<Y.Doc, DocStitches>();
  // Made here, outside any reaction, so every reader depends on it (state made inside a derived is not tracked by it).
  #version = $state(0);
  /** The stitch last gone to, and a counter so going to it again scrolls again. */
  #current = $state.raw<{ key: string; articleId: string; seq: number } | null>(null);

  #places = $derived.by(() => (this.#reader.article ? articleStitches(this.#reader.article) : []));
  #counts = $derived.by(() => (this.#reader.issue ? stitchCounts(this.#reader.issue) : new Map<string, number>()));

  constructor(desk: ReviewDesk, reader: Reader) {
    this.#desk = desk;
    this.#reader = reader;
  }

  get decisions(): StitchesView {
    const doc = this.#desk.session?.doc;
    if (!doc) return EMPTY;
    void this.#version;
    let d = this.#docs.get(doc);
    if (!d) this.#docs.set(doc, (d = new DocStitches(doc, () => this.#version++)));
    return d.view;
  }
  // Derived, not recomputed per read: the article view reads the marks once per stitch it draws, and a
  // long article has thousands (recomputing the list each time made laying it out quadratic).
  #list = $derived.by((): StitchItem[] => {
    const proof = this.#reader.issue?.id ?? '';
    const byKey = this.decisions.byKey;
    return this.#places.map((p) => {
      const key = stitchKey(proof, p.blockId, p.at);
      return { ...p, key, split: byKey.get(key) ?? null };
    });
  });
  #marks = $derived.by((): StitchMarks => {
    const split = new Set<string>();
    for (const item of this.#list) if (item.split) split.add(item.key);
    return { proofId: this.#reader.issue?.id ?? '', split, current: this.current?.key ?? null };
  });

  /** The stitches of the article on screen, in reading order. */
  get list(): StitchItem[] {
    return this.#list;
  }
  /** Stitches in the whole proof on screen. */
  get total(): number {
    let n = 0;
    for (const c of this.#counts.values()) n += c;
    return n;
  }
  get current(): { key: string; seq: number } | null {
    const c = this.#current;
    return c && c.articleId === this.#reader.article?.id ? c : null;
  }
  get marks(): StitchMarks {
    return this.#marks;
  }

  goTo(key: string): void {
    const articleId = this.#reader.article?.id;
    if (articleId) this.#current = { key, articleId, seq: (this.#current?.seq ?? 0) + 1 };
  }

  /** The next stitch after the one gone to: in this article, then in the next article that has some. */
  next(): void {
    const list = this.list;
    const at = list.findIndex((s) => s.key === this.current?.key);
    const following = list[at + 1];
    if (following) return this.goTo(following.key);
    const issue = this.#reader.issue;
    if (!issue) return;
    const here = this.#reader.index;
    const n = issue.articles.length;
    for (let step = 1; step <= n; step++) {
      const article = issue.articles[(here + step) % n]!;
      const first = articleStitches(article)[0];
      if (!first) continue;
      const key = stitchKey(issue.id, first.blockId, first.at);
      this.#current = { key, articleId: article.id, seq: (this.#current?.seq ?? 0) + 1 };
      if (article.id !== this.#reader.article?.id) this.#reader.goTo(article.id);
      return;
    }
  }

  split(key: string): boolean {
    const session = this.#desk.session;
    return session ? splitStitch(session.doc, key, session.me.author) : false;
  }
  restore(key: string): void {
    const session = this.#desk.session;
    if (session) restoreStitch(session.doc, key);
  }
}
