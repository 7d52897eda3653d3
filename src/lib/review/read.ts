// The read model: validated notes and sign-offs out of the doc, grouped and counted per article.

import type * as Y from 'yjs';
import { ledgerArticleKey, ledgerMap, notesMap } from './doc.ts';
import type { InvalidEntry, Note, SignOff } from './types.ts';
import { validateNote, validateSignOff, type NoteResult } from './validate.ts';

export interface NoteCounts {
  total: number;
  /** Not yet resolved, accepted or rejected. */
  open: number;
}

export interface NotesView {
  /** Every valid note, oldest first. */
  notes: Note[];
  /** Entries that could not be read at all (notes and replies), with reasons. */
  invalid: InvalidEntry[];
  /** Notes shown with one or more damaged fields read as defaults (their own or a reply's). */
  damaged: number;
  byArticle: Map<string, Note[]>;
  counts: Map<string, NoteCounts>;
}

export function compareNotes(a: Note, b: Note): number {
  return a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function readNotes(doc: Y.Doc): NotesView {
  return viewOf(notesMap(doc), (key, value) => validateNote(key, value));
}

function viewOf(root: Y.Map<unknown>, validate: (key: string, value: unknown) => NoteResult): NotesView {
  const notes: Note[] = [];
  const invalid: InvalidEntry[] = [];
  root.forEach((value, key) => {
    const r = validate(key, value);
    if (r.ok) {
      notes.push(r.note);
      invalid.push(...r.invalid);
    } else {
      invalid.push(r.invalid);
    }
  });
  notes.sort(compareNotes);
  let damaged = 0;
  for (const n of notes) if (n.problems.length > 0 || n.replies.some((r) => r.problems.length > 0)) damaged++;
  const byArticle = new Map<string, Note[]>();
  const counts = new Map<string, NoteCounts>();
  for (const note of notes) {
    const id = note.target.articleId;
    let list = byArticle.get(id);
    if (!list) byArticle.set(id, (list = []));
    list.push(note);
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { total: 0, open: 0 }));
    c.total++;
    if (note.status === 'open') c.open++;
  }
  return { notes, invalid, damaged, byArticle, counts };
}

/**
 * readNotes for a doc that keeps changing: the same view, but only notes changed since the last
 * read are validated again, and unchanged notes keep their objects (so views skip them). A
 * storm of colleagues' notes re-read 400 notes for each new one before.
 */
export class NotesReader {
  readonly #doc: Y.Doc;
  readonly #root: Y.Map<unknown>;
  readonly #results = new Map<string, NoteResult>();
  #dirty: Set<string> | 'all' = 'all';

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#root = notesMap(doc);
    doc.on('afterTransaction', this.#track);
  }

  #track = (tr: Y.Transaction): void => {
    const dirty = this.#dirty;
    if (dirty === 'all') return;
    const root = this.#root as unknown as Y.AbstractType<unknown>;
    tr.changed.forEach((keys, type) => {
      if (type === root) {
        for (const key of keys) if (key !== null) dirty.add(key);
        return;
      }
      // A change inside a note (at any depth): the note is the ancestor whose parent is the root.
      let item = type._item;
      while (item && item.parent !== root) item = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null;
      if (item?.parentSub) dirty.add(item.parentSub);
    });
  };

  read(): NotesView {
    if (this.#dirty === 'all') this.#results.clear();
    else for (const key of this.#dirty) this.#results.delete(key);
    this.#dirty = new Set();
    return viewOf(this.#root, (key, value) => {
      let r = this.#results.get(key);
      if (!r) this.#results.set(key, (r = validateNote(key, value)));
      return r;
    });
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#track);
    this.#results.clear();
  }
}

/** One note by id, validated; null when absent or invalid. */
export function readNote(doc: Y.Doc, id: string): Note | null {
  const value = notesMap(doc).get(id);
  if (value === undefined) return null;
  const r = validateNote(id, value);
  return r.ok ? r.note : null;
}

export interface LedgerView {
  /** Sign-offs per article of a proof (key: ledgerArticleKey(articleId, proof)), earliest first. */
  signOffs: Map<string, SignOff[]>;
  invalid: InvalidEntry[];
}

export function readLedger(doc: Y.Doc): LedgerView {
  const signOffs = new Map<string, SignOff[]>();
  const invalid: InvalidEntry[] = [];
  ledgerMap(doc).forEach((value, key) => {
    const r = validateSignOff(key, value);
    if (!r.ok) {
      invalid.push(r.invalid);
      return;
    }
    const at = ledgerArticleKey(r.signOff.articleId, r.signOff.proof);
    let list = signOffs.get(at);
    if (!list) signOffs.set(at, (list = []));
    list.push(r.signOff);
  });
  for (const list of signOffs.values()) list.sort((a, b) => a.at - b.at || (a.author.id < b.author.id ? -1 : 1));
  return { signOffs, invalid };
}

export type ArticleReviewState = 'unreviewed' | 'in-review' | 'signed-off';

/** Signed off once anyone has signed it off; in review once it has notes. */
export function articleState(counts: NoteCounts | undefined, signOffs: SignOff[] | undefined): ArticleReviewState {
  if (signOffs && signOffs.length > 0) return 'signed-off';
  return counts && counts.total > 0 ? 'in-review' : 'unreviewed';
}
