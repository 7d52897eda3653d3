// Typed writes on notes and replies. Every write is one transaction tagged LOCAL_ORIGIN, is checked
// by the same validator as reads (so we never write what a peer could not read), and enforces authorship.

import * as Y from 'yjs';
import { heads } from './decisions.ts';
import { DECISION_PREFIX, NOTE_FORMAT, NOTE_KEY, REPLY_PREFIX, notesMap } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { readNote } from './read.ts';
import {
  LIMITS,
  type Author,
  type Category,
  type FieldProblem,
  type HighlightColour,
  type Note,
  type NoteKind,
  type NoteStatus,
  type Reply,
  type Suggestion,
  type Target,
  type WriteResult,
} from './types.ts';
import { validateNote, validateReply } from './validate.ts';

export interface NoteDraft {
  /** Chosen by createNote when absent. */
  id?: string;
  target: Target;
  kind: NoteKind;
  category: Category;
  body?: string;
  colour?: HighlightColour | null;
  /** Required for (and only for) kind `suggestion`. */
  suggestion?: Suggestion;
  /** The proof it is made on (that proof's issue id); absent for the review's first proof. */
  proof?: string | null;
}

export interface NotePatch {
  body?: string;
  category?: Category;
  colour?: HighlightColour | null;
  /** New proposed text of a suggestion. */
  proposal?: string;
}

/** A random id: 12 characters of [0-9a-z]. */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = '';
  for (const b of bytes) s += (b % 36).toString(36);
  return s;
}

/** Only the author may edit or delete a note or a reply. */
export function canEdit(item: Pick<Note | Reply, 'author'>, userId: string): boolean {
  return item.author.id === userId;
}

const invalid = (detail: string): WriteResult => ({ ok: false, reason: 'invalid', detail });
const notFound: WriteResult = { ok: false, reason: 'not-found' };
const forbidden: WriteResult = { ok: false, reason: 'forbidden' };

export function createNote(doc: Y.Doc, draft: NoteDraft, author: Author, now: number = Date.now()): WriteResult {
  const id = draft.id ?? newId();
  const t = draft.target;
  const op = draft.kind === 'suggestion' ? (draft.suggestion?.op ?? '') : '';
  const fixed = [
    NOTE_FORMAT, t.articleId, t.blockId, t.start, t.endBlockId === t.blockId ? '' : t.endBlockId, t.end,
    t.quote, t.prefix, t.suffix, draft.kind, op, author.id, author.name, author.colour, now,
  ];
  const entries = new Map<string, unknown>([
    [NOTE_KEY.fixed, fixed],
    [NOTE_KEY.category, draft.category],
  ]);
  if (draft.body) entries.set(NOTE_KEY.body, draft.body);
  if (draft.colour) entries.set(NOTE_KEY.colour, draft.colour);
  if (draft.kind === 'suggestion') entries.set(NOTE_KEY.proposal, draft.suggestion?.text ?? '');
  if (draft.proof) entries.set(NOTE_KEY.proof, draft.proof);
  const check = validateNote(id, entries);
  if (!check.ok) return invalid(check.invalid.reason);
  if (check.note.problems.length > 0) return invalid(describeProblems(check.note.problems));
  const notes = notesMap(doc);
  if (notes.has(id)) return invalid('id already taken');
  doc.transact(() => notes.set(id, new Y.Map<unknown>(entries)), LOCAL_ORIGIN);
  return { ok: true, id };
}

const describeProblems = (problems: readonly FieldProblem[]): string => problems.map((p) => `${p.field} ${p.reason}`).join('; ');

/**
 * Change a note: `change` edits a plain copy of its entries; the copy is validated, then the
 * changed keys are written. `owner` restricts the change to the note's author. A note with a
 * damaged field can still be changed; a change may mend a damaged field but never damage one.
 */
function update(doc: Y.Doc, noteId: string, owner: string | null, change: (entries: Map<string, unknown>) => void): WriteResult {
  const value = notesMap(doc).get(noteId);
  if (!(value instanceof Y.Map)) return notFound;
  const before = validateNote(noteId, value);
  if (!before.ok) return notFound;
  if (owner !== null && !canEdit(before.note, owner)) return forbidden;
  const entries = new Map<string, unknown>(value.entries());
  change(entries);
  const after = validateNote(noteId, entries);
  if (!after.ok) return invalid(after.invalid.reason);
  const damaged = after.note.problems.filter((p) => !before.note.problems.some((q) => q.field === p.field));
  if (damaged.length > 0) return invalid(describeProblems(damaged));
  doc.transact(() => {
    for (const [k, v] of entries) if (value.get(k) !== v) value.set(k, v);
    for (const k of Array.from(value.keys())) if (!entries.has(k)) value.delete(k);
  }, LOCAL_ORIGIN);
  return { ok: true, id: noteId };
}

export function editNote(doc: Y.Doc, noteId: string, userId: string, patch: NotePatch, now: number = Date.now()): WriteResult {
  if (patch.proposal !== undefined && readNote(doc, noteId)?.kind !== 'suggestion') return invalid('only a suggestion has proposed text');
  return update(doc, noteId, userId, (e) => {
    if (patch.body !== undefined) {
      if (patch.body === '') e.delete(NOTE_KEY.body);
      else e.set(NOTE_KEY.body, patch.body);
    }
    if (patch.category !== undefined) e.set(NOTE_KEY.category, patch.category);
    if (patch.colour !== undefined) {
      if (patch.colour === null) e.delete(NOTE_KEY.colour);
      else e.set(NOTE_KEY.colour, patch.colour);
    }
    if (patch.proposal !== undefined) e.set(NOTE_KEY.proposal, patch.proposal);
    e.set(NOTE_KEY.edited, now);
  });
}

/** The entries a valid note is written as (replies aside). */
function entriesOf(note: Note): Map<string, unknown> {
  const t = note.target;
  const fixed = [
    NOTE_FORMAT, t.articleId, t.blockId, t.start, t.endBlockId === t.blockId ? '' : t.endBlockId, t.end,
    t.quote, t.prefix, t.suffix, note.kind, note.suggestion?.op ?? '', note.author.id, note.author.name, note.author.colour, note.created,
  ];
  const entries = new Map<string, unknown>([
    [NOTE_KEY.fixed, fixed],
    [NOTE_KEY.category, note.category],
  ]);
  if (note.body) entries.set(NOTE_KEY.body, note.body);
  if (note.colour) entries.set(NOTE_KEY.colour, note.colour);
  if (note.status !== 'open') entries.set(NOTE_KEY.status, note.status);
  if (note.edited !== null) entries.set(NOTE_KEY.edited, note.edited);
  if (note.suggestion) entries.set(NOTE_KEY.proposal, note.suggestion.text);
  if (note.proof) entries.set(NOTE_KEY.proof, note.proof);
  return entries;
}

/**
 * The author mends their note after a peer damaged some of its fields: each damaged field is
 * written as the default it is shown with, so everyone sees the same and nothing is reported any
 * more. Replies (each its author's) are left as they are. Then the author can edit it as usual.
 */
export function repairNote(doc: Y.Doc, noteId: string, userId: string): WriteResult {
  const value = notesMap(doc).get(noteId);
  if (!(value instanceof Y.Map)) return notFound;
  const r = validateNote(noteId, value);
  if (!r.ok) return notFound;
  if (!canEdit(r.note, userId)) return forbidden;
  if (r.note.problems.length === 0) return { ok: true, id: noteId };
  const fixed = entriesOf(r.note);
  doc.transact(() => {
    for (const k of Array.from(value.keys())) if (!k.startsWith(REPLY_PREFIX) && !k.startsWith(DECISION_PREFIX) && !fixed.has(k)) value.delete(k);
    for (const [k, v] of fixed) if (JSON.stringify(value.get(k)) !== JSON.stringify(v)) value.set(k, v);
  }, LOCAL_ORIGIN);
  return { ok: true, id: noteId };
}

export function deleteNote(doc: Y.Doc, noteId: string, userId: string): WriteResult {
  const value = notesMap(doc).get(noteId);
  if (value === undefined) return notFound;
  const r = validateNote(noteId, value);
  // A malformed entry has no trustworthy author; nobody deletes it through the app.
  if (!r.ok) return notFound;
  if (!canEdit(r.note, userId)) return forbidden;
  doc.transact(() => notesMap(doc).delete(noteId), LOCAL_ORIGIN);
  return { ok: true, id: noteId };
}

/** Resolve, reopen, accept or reject: anyone in the review may. */
/**
 * Resolve, reopen, accept or reject: anyone in the review may. With `by`, the decision is kept (who,
 * when, in which proof) on top of the decisions current here, so one made apart by someone else is
 * not lost: the two show as a conflict until a later decision settles it (decisions.ts). The `s` key
 * is written too, for clients that read only it.
 */
export function setStatus(
  doc: Y.Doc,
  noteId: string,
  status: NoteStatus,
  by?: { author: Author; proof?: string | null; now?: number; id?: string },
): WriteResult {
  const before = by ? readNote(doc, noteId) : null;
  return update(doc, noteId, null, (e) => {
    if (status === 'open') e.delete(NOTE_KEY.status);
    else e.set(NOTE_KEY.status, status);
    if (by && before) {
      const a = by.author;
      const supersedes = heads(before.decisions).map((d) => d.id);
      e.set(DECISION_PREFIX + (by.id ?? newId()), [a.id, a.name, a.colour, by.now ?? Date.now(), status, by.proof ?? '', supersedes]);
    }
  });
}

export function addReply(doc: Y.Doc, noteId: string, body: string, author: Author, now: number = Date.now(), replyId: string = newId()): WriteResult {
  const note = readNote(doc, noteId);
  if (!note) return notFound;
  if (note.replies.length >= LIMITS.repliesPerNote) return invalid('too many replies');
  const key = REPLY_PREFIX + replyId;
  const value = [author.id, author.name, author.colour, now, 0, body];
  const check = validateReply(key, value);
  if (!check.ok) return invalid(check.reason);
  if (check.reply.problems.length > 0) return invalid(describeProblems(check.reply.problems));
  const r = update(doc, noteId, null, (e) => {
    if (e.has(key)) return;
    e.set(key, value);
  });
  return r.ok ? { ok: true, id: replyId } : r;
}

function readReply(doc: Y.Doc, noteId: string, replyId: string): Reply | null {
  return readNote(doc, noteId)?.replies.find((x) => x.id === replyId) ?? null;
}

export function editReply(doc: Y.Doc, noteId: string, replyId: string, userId: string, body: string, now: number = Date.now()): WriteResult {
  const reply = readReply(doc, noteId, replyId);
  if (!reply) return notFound;
  if (!canEdit(reply, userId)) return forbidden;
  const key = REPLY_PREFIX + replyId;
  const value = [reply.author.id, reply.author.name, reply.author.colour, reply.created, now, body];
  const check = validateReply(key, value);
  if (!check.ok) return invalid(check.reason);
  if (check.reply.problems.some((p) => p.field === 'body' || p.field === 'edited')) return invalid(describeProblems(check.reply.problems));
  return update(doc, noteId, null, (e) => e.set(key, value));
}

export function deleteReply(doc: Y.Doc, noteId: string, replyId: string, userId: string): WriteResult {
  const reply = readReply(doc, noteId, replyId);
  if (!reply) return notFound;
  if (!canEdit(reply, userId)) return forbidden;
  return update(doc, noteId, null, (e) => e.delete(REPLY_PREFIX + replyId));
}
