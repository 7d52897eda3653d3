// What the notes views share for the open review: where the current article's notes are anchored,
// which note is active or hovered, the margin's tab, the all-notes filters, and moving between notes.

import type { Article } from '../issue/types.ts';
import type { Note } from '../review/index.ts';
import {
  authorsOf,
  filterNotes,
  NO_FILTER,
  NO_NOTES,
  placeNotesAt,
  stepNote,
  type ArticleNotes,
  type NoteFilter,
} from '../review/place.ts';
import type { Session } from './session.svelte.ts';
import { sortNotes, type NoteSort } from './note-order.ts';

export type MarginTab = 'article' | 'all' | 'checker';

export interface NotesBoardSource {
  session: () => Session | null;
  article: () => Article | null;
  /** The id of the proof on screen (the review's id for the first). */
  proof: () => string | null;
  /** Shows another article of the issue. */
  goTo: (articleId: string) => void;
}

export class NotesBoard {
  readonly #source: NotesBoardSource;
  #activeId = $state.raw<string | null>(null);
  #hoverId = $state.raw<string | null>(null);
  #tab = $state.raw<MarginTab>('article');
  #filter = $state.raw<NoteFilter>(NO_FILTER);
  /** The all-notes list's order: by place in the issue (page, then position) unless asked otherwise. */
  #sort = $state.raw<NoteSort>('place');
  /** The article's margin shows only my notes (when a colleague's flood buries them). */
  #mineOnly = $state.raw(false);
  /** Bumped when the active passage should be scrolled into view. */
  #reveal = $state.raw(0);
  /** The finding of 校对助手 in focus, and a counter bumped to scroll its passage into view. */
  #findingId = $state.raw<string | null>(null);
  #findingReveal = $state.raw(0);

  #placed = $derived.by((): ArticleNotes => {
    const session = this.#source.session();
    const article = this.#source.article();
    if (!session || !article) return NO_NOTES;
    const here = session.notesIn(this.#source.proof() ?? session.issueId);
    const me = session.me.id;
    // Carried here but not found (无法定位): listed beside the article they were in.
    const lost = here.orphans.filter((p) => p.note.target.articleId === article.id);
    const items = [...(here.byArticle.get(article.id) ?? []), ...lost];
    return placeNotesAt(article, this.#mineOnly ? items.filter((p) => p.note.author.id === me) : items);
  });
  #filtered = $derived.by(() => {
    const session = this.#source.session();
    return sortNotes(filterNotes(session?.notes.notes ?? [], this.#filter), session?.issue, this.#sort);
  });
  #authors = $derived.by(() => authorsOf(this.#source.session()?.notes.notes ?? []));

  constructor(source: NotesBoardSource) {
    this.#source = source;
  }

  get session(): Session | null {
    return this.#source.session();
  }
  get article(): Article | null {
    return this.#source.article();
  }
  get placed(): ArticleNotes {
    return this.#placed;
  }
  get activeId(): string | null {
    return this.#activeId;
  }
  get hoverId(): string | null {
    return this.#hoverId;
  }
  get tab(): MarginTab {
    return this.#tab;
  }
  get filter(): NoteFilter {
    return this.#filter;
  }
  /** Every note of the issue that passes the filter, in the order chosen (by place by default). */
  get filtered(): Note[] {
    return this.#filtered;
  }
  get sort(): NoteSort {
    return this.#sort;
  }
  setSort(sort: NoteSort): void {
    this.#sort = sort;
  }
  get authors(): Note['author'][] {
    return this.#authors;
  }
  get reveal(): number {
    return this.#reveal;
  }
  get mineOnly(): boolean {
    return this.#mineOnly;
  }
  setMineOnly(on: boolean): void {
    this.#mineOnly = on;
  }

  get findingId(): string | null {
    return this.#findingId;
  }
  get findingReveal(): number {
    return this.#findingReveal;
  }
  activateFinding(id: string | null, { reveal = false } = {}): void {
    this.#findingId = id;
    if (reveal) this.#findingReveal++;
  }
  /** Shows the finding's article with the checker's tab open and its passage in view. */
  jumpToFinding(finding: { id: string; articleId: string }): void {
    if (this.#source.article()?.id !== finding.articleId) this.#source.goTo(finding.articleId);
    this.#tab = 'checker';
    this.activateFinding(finding.id, { reveal: true });
  }

  activate(id: string | null, { reveal = false } = {}): void {
    this.#activeId = id;
    if (reveal) this.#reveal++;
  }
  hover(id: string | null): void {
    if (id !== this.#hoverId) this.#hoverId = id;
  }
  setTab(tab: MarginTab): void {
    this.#tab = tab;
  }
  setFilter(patch: Partial<NoteFilter>): void {
    this.#filter = { ...this.#filter, ...patch };
  }
  clearFilter(): void {
    this.#filter = NO_FILTER;
  }

  /** Makes the next (dir 1) or previous (-1) note of the article active and shows its passage. */
  step(dir: 1 | -1): void {
    const next = stepNote(this.#placed.placed, this.#activeId, dir);
    if (next) this.activate(next.note.id, { reveal: true });
  }

  /** Shows the note's article with the note active and its passage in view. */
  jumpTo(note: Note): void {
    if (this.#source.article()?.id !== note.target.articleId) this.#source.goTo(note.target.articleId);
    this.#tab = 'article';
    this.activate(note.id, { reveal: true });
  }
}
