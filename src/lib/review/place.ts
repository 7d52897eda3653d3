// Where the notes of one article sit: each note anchored again in the article's text (exact, moved
// or orphaned), in reading order; the all-notes filters; stepping from note to note. Pure: no DOM,
// no Svelte, no yjs.

import { findTarget, type AnchorStrategy, type BlockRange, type Target } from '../anchor/index.ts';
import type { Article } from '../issue/types.ts';
import type { CarryRecord } from './carry.ts';
import type { Category, Note, NoteKind, NoteStatus } from './types.ts';

export interface PlacedNote {
  note: Note;
  range: BlockRange;
  strategy: Exclude<AnchorStrategy, 'orphan'>;
  /** Made in an earlier proof and carried into this one: its 核红 record there. */
  carried: CarryRecord | null;
}

/** A note to place, with where it is in the proof shown (its own target, or where it was carried). */
export interface NoteAt {
  note: Note;
  target: Target | null;
  carried?: CarryRecord | null;
}

export interface ArticleNotes {
  /** Anchored notes in reading order (by start, then by creation). */
  placed: PlacedNote[];
  /** Notes whose passage is no longer in the article, oldest first. */
  orphans: Note[];
}

export const NO_NOTES: ArticleNotes = { placed: [], orphans: [] };

/** Places notes made in the proof shown (their own targets). */
export function placeNotes(article: Article, notes: readonly Note[]): ArticleNotes {
  return placeNotesAt(article, notes.map((note) => ({ note, target: note.target })));
}

/** Places notes at the targets given for the proof shown; one with no target is an orphan. */
export function placeNotesAt(article: Article, items: readonly NoteAt[]): ArticleNotes {
  const blockIndex = new Map<string, number>();
  article.blocks.forEach((b, i) => blockIndex.has(b.id) || blockIndex.set(b.id, i));
  const placed: PlacedNote[] = [];
  const orphans: Note[] = [];
  for (const { note, target, carried = null } of items) {
    const anchor = target ? findTarget(article, target) : null;
    if (!anchor || anchor.strategy === 'orphan') orphans.push(note);
    else placed.push({ note, range: anchor.range, strategy: anchor.strategy, carried });
  }
  const key = (p: PlacedNote) => blockIndex.get(p.range.blockId) ?? 0;
  // Notes arrive oldest first and the sort is stable, so ties keep creation order.
  placed.sort((a, b) => key(a) - key(b) || a.range.start - b.range.start);
  return { placed, orphans };
}

export interface NoteFilter {
  /** Author id, or '' for anyone. */
  author: string;
  kind: NoteKind | '';
  category: Category | '';
  status: NoteStatus | '';
  text: string;
}

export const NO_FILTER: NoteFilter = { author: '', kind: '', category: '', status: '', text: '' };

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The notes that pass every set filter; `text` looks in the quote, body, proposal, replies and names. */
export function filterNotes(notes: readonly Note[], filter: NoteFilter): Note[] {
  const needle = squash(filter.text);
  return notes.filter((n) => {
    if (filter.author && n.author.id !== filter.author) return false;
    if (filter.kind && n.kind !== filter.kind) return false;
    if (filter.category && n.category !== filter.category) return false;
    if (filter.status && n.status !== filter.status) return false;
    if (!needle) return true;
    const hay = [n.target.quote, n.body, n.suggestion?.text ?? '', n.author.name, ...n.replies.flatMap((r) => [r.body, r.author.name])];
    return hay.some((s) => squash(s).includes(needle));
  });
}

/** Each author once, by id, in order of first note. */
export function authorsOf(notes: readonly Note[]): Note['author'][] {
  const seen = new Map<string, Note['author']>();
  for (const n of notes) if (!seen.has(n.author.id)) seen.set(n.author.id, n.author);
  return [...seen.values()];
}

/** The next (or previous) note after `activeId` in reading order, wrapping around; null when none. */
export function stepNote(placed: readonly PlacedNote[], activeId: string | null, dir: 1 | -1): PlacedNote | null {
  if (placed.length === 0) return null;
  const i = activeId === null ? -1 : placed.findIndex((p) => p.note.id === activeId);
  if (i === -1) return dir === 1 ? placed[0]! : placed[placed.length - 1]!;
  return placed[(i + dir + placed.length) % placed.length]!;
}
