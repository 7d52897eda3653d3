// What the review keeps of the automatic checks (src/lib/checks), shared with everyone in it:
// - `house`: the editors' house list (用字表), key = the wrong form, value [right, note, authorId,
//   name, colour, at]; deleting a pair deletes its key;
// - `marks`: what people decided about findings, key = a finding's mark key (markKey: its check, its
//   text and a little context, so a dismissal survives running the checks again and a new proof in
//   which the passage moved), value [status 'dismissed' | 'accepted', authorId, name, colour, at,
//   noteId]; and "dismiss all like this", key `like:<check>:<quote>`, value [authorId, name, colour, at].
// Everything read back is validated; a bad entry is skipped.

import type * as Y from 'yjs';
import { hashString } from '../issue/ids.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { LIMITS, type Author } from './types.ts';

export const HOUSE_ROOT = 'house';
export const MARKS_ROOT = 'marks';
export const houseMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(HOUSE_ROOT);
export const marksMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(MARKS_ROOT);

/** Longest wrong or right form, and note, a house-list pair may have. */
export const HOUSE_TEXT_MAX = 100;
/** Most pairs read from the shared list (a peer could send millions). */
export const HOUSE_MAX = 5000;

export interface SharedPair {
  wrong: string;
  right: string;
  note: string;
  by: Author;
  at: number;
}

export interface Mark {
  status: 'dismissed' | 'accepted';
  by: Author;
  at: number;
  /** For an accepted finding: the note it became. */
  noteId: string;
}

export interface Marks {
  byKey: Map<string, Mark>;
  /** `<check>:<quote>` dismissed wherever it occurs. */
  like: Map<string, { by: Author; at: number }>;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

function author(id: unknown, name: unknown, colour: unknown): Author | null {
  if (typeof id !== 'string' || !ID.test(id)) return null;
  return {
    id,
    name: typeof name === 'string' && name.length > 0 && name.length <= LIMITS.nameLength ? name : '?',
    colour: typeof colour === 'string' && COLOUR.test(colour) ? colour : '#6b7280',
  };
}

const text = (v: unknown, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= HOUSE_TEXT_MAX;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function readHouse(doc: Y.Doc): SharedPair[] {
  const pairs: SharedPair[] = [];
  houseMap(doc).forEach((value, wrong) => {
    if (pairs.length >= HOUSE_MAX || !text(wrong, 1) || !Array.isArray(value) || value.length !== 6) return;
    const [right, note, id, name, colour, at] = value as unknown[];
    const by = author(id, name, colour);
    if (!text(right) || right === wrong || !text(note) || !by || !time(at)) return;
    pairs.push({ wrong, right, note, by, at });
  });
  return pairs.sort((a, b) => a.at - b.at || (a.wrong < b.wrong ? -1 : 1));
}

export function setHousePair(doc: Y.Doc, pair: { wrong: string; right: string; note?: string }, by: Author, now = Date.now()): boolean {
  const note = pair.note ?? '';
  if (!text(pair.wrong, 1) || !text(pair.right) || pair.wrong === pair.right || !text(note)) return false;
  doc.transact(() => houseMap(doc).set(pair.wrong, [pair.right, note, by.id, by.name, by.colour, now]), LOCAL_ORIGIN);
  return true;
}

export function deleteHousePair(doc: Y.Doc, wrong: string): void {
  if (houseMap(doc).has(wrong)) doc.transact(() => houseMap(doc).delete(wrong), LOCAL_ORIGIN);
}

/** A finding's key for marks: its check, text and up to 8 characters each side of it. */
export function markKey(check: string, quote: string, before: string, after: string): string {
  return `m${hashString(`${check}\u0000${quote}\u0000${before.slice(-8)}\u0000${after.slice(0, 8)}`)}`;
}
const likeKey = (check: string, quote: string): string => `like:${check}:${quote}`;

export function readMarks(doc: Y.Doc): Marks {
  const byKey = new Map<string, Mark>();
  const like = new Map<string, { by: Author; at: number }>();
  marksMap(doc).forEach((value, key) => {
    if (!Array.isArray(value)) return;
    if (key.startsWith('like:')) {
      const [id, name, colour, at] = value as unknown[];
      const by = author(id, name, colour);
      if (by && time(at) && key.length <= 300) like.set(key.slice(5), { by, at });
      return;
    }
    if (!ID.test(key) || value.length !== 6) return;
    const [status, id, name, colour, at, noteId] = value as unknown[];
    const by = author(id, name, colour);
    if ((status !== 'dismissed' && status !== 'accepted') || !by || !time(at) || typeof noteId !== 'string' || noteId.length > 64) return;
    byKey.set(key, { status, by, at, noteId });
  });
  return { byKey, like };
}

export function markFinding(doc: Y.Doc, key: string, status: Mark['status'], by: Author, noteId = '', now = Date.now()): void {
  doc.transact(() => marksMap(doc).set(key, [status, by.id, by.name, by.colour, now, noteId]), LOCAL_ORIGIN);
}

export function unmarkFinding(doc: Y.Doc, key: string): void {
  if (marksMap(doc).has(key)) doc.transact(() => marksMap(doc).delete(key), LOCAL_ORIGIN);
}

/** "Not an error" for every finding of `check` with this text, wherever it is. */
export function dismissLike(doc: Y.Doc, check: string, quote: string, by: Author, now = Date.now()): void {
  const key = likeKey(check, quote.slice(0, 200));
  doc.transact(() => marksMap(doc).set(key, [by.id, by.name, by.colour, now]), LOCAL_ORIGIN);
}

export function isDismissedLike(marks: Marks, check: string, quote: string): boolean {
  return marks.like.has(`${check}:${quote.slice(0, 200)}`);
}
