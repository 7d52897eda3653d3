// Merging a file into the review (a review package today, any import tomorrow) in two steps.
// planMerge applies the update to a scratch copy and compares what people would see before and
// after: notes, replies and sign-offs added, edited and removed, each with its author. applyMerge
// then applies it for real, optionally keeping what it would remove of other people's work, and
// returns a handle that undoes the whole import. A CRDT merge can delete; nothing here deletes
// silently. See docs/SECURITY.md ("Imports").

import * as Y from 'yjs';
import { ledgerMap, notesMap, REPLY_PREFIX, signOffKey } from './doc.ts';
import { readIssue } from './issue-field.ts';
import { readLedger, readNotes } from './read.ts';
import type { Author, Note, Reply, SignOff } from './types.ts';

export type NoteField = 'body' | 'category' | 'colour' | 'status' | 'proposal' | 'target';

export interface NoteEdit {
  before: Note;
  after: Note;
  fields: NoteField[];
}

/** Something the merge would take away, and whether it belongs to someone other than the file's author. */
export type Removal =
  | { kind: 'note'; note: Note; others: boolean }
  | { kind: 'reply'; note: Note; reply: Reply; others: boolean }
  | { kind: 'sign-off'; signOff: SignOff; others: boolean };

export interface MergePlan {
  added: Note[];
  edited: NoteEdit[];
  removed: Removal[];
  /** Replies added to notes that were already here (those of added notes come with them). */
  repliesAdded: Array<{ note: Note; reply: Reply }>;
  signOffsAdded: SignOff[];
  /** The issue text arrives with the file (a review that did not have it yet). */
  issueAdded: boolean;
}

export const isEmptyPlan = (p: MergePlan): boolean =>
  p.added.length === 0 && p.edited.length === 0 && p.removed.length === 0 && p.repliesAdded.length === 0 && p.signOffsAdded.length === 0 && !p.issueAdded;

function noteFields(a: Note, b: Note): NoteField[] {
  const fields: NoteField[] = [];
  if (a.body !== b.body) fields.push('body');
  if (a.category !== b.category) fields.push('category');
  if (a.colour !== b.colour) fields.push('colour');
  if (a.status !== b.status) fields.push('status');
  if (a.suggestion?.text !== b.suggestion?.text || a.suggestion?.op !== b.suggestion?.op) fields.push('proposal');
  if (JSON.stringify(a.target) !== JSON.stringify(b.target)) fields.push('target');
  return fields;
}

function signOffsOf(doc: Y.Doc): Map<string, SignOff> {
  const out = new Map<string, SignOff>();
  for (const list of readLedger(doc).signOffs.values()) for (const s of list) out.set(signOffKey(s.articleId, s.author.id, s.proof), s);
  return out;
}

/**
 * What merging `update` into `doc` would change, as people would see it. `author` is who made the
 * file (a claim, from its header): removals of their own work are theirs to make; anything of
 * someone else's that would disappear is marked `others`.
 */
export function planMerge(doc: Y.Doc, update: Uint8Array, author: Pick<Author, 'id'>): MergePlan {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(scratch, update);
    const before = new Map(readNotes(doc).notes.map((n) => [n.id, n]));
    const after = new Map(readNotes(scratch).notes.map((n) => [n.id, n]));
    const plan: MergePlan = { added: [], edited: [], removed: [], repliesAdded: [], signOffsAdded: [], issueAdded: false };
    const others = (who: Author) => who.id !== author.id;
    for (const [id, note] of after) {
      const old = before.get(id);
      if (!old) {
        plan.added.push(note);
        continue;
      }
      const fields = noteFields(old, note);
      if (fields.length > 0) plan.edited.push({ before: old, after: note, fields });
      const oldReplies = new Map(old.replies.map((r) => [r.id, r]));
      for (const reply of note.replies) if (!oldReplies.delete(reply.id)) plan.repliesAdded.push({ note, reply });
      for (const reply of oldReplies.values()) plan.removed.push({ kind: 'reply', note, reply, others: others(reply.author) });
    }
    for (const [id, note] of before) if (!after.has(id)) plan.removed.push({ kind: 'note', note, others: others(note.author) });
    const signedBefore = signOffsOf(doc);
    const signedAfter = signOffsOf(scratch);
    for (const [key, s] of signedAfter) if (!signedBefore.has(key)) plan.signOffsAdded.push(s);
    for (const [key, s] of signedBefore) if (!signedAfter.has(key)) plan.removed.push({ kind: 'sign-off', signOff: s, others: others(s.author) });
    plan.issueAdded = !readIssue(doc).issue && !!readIssue(scratch).issue;
    return plan;
  } finally {
    scratch.destroy();
  }
}

export interface AppliedMerge {
  /** Takes the whole import back: what it added goes, what it removed or changed comes back. */
  undo(): void;
  readonly undone: boolean;
  /** Stops tracking (the import can no longer be undone). */
  destroy(): void;
}

/**
 * Applies `update` with `origin`. Removals in `keep` are written back right after (so they survive
 * for everyone this review reaches). The returned handle undoes the import as a whole, without
 * touching anything done by anyone since.
 */
export function applyMerge(doc: Y.Doc, update: Uint8Array, origin: object, keep: readonly Removal[] = []): AppliedMerge {
  const notes = notesMap(doc);
  const ledger = ledgerMap(doc);
  // What `keep` needs, read before the merge removes it.
  const saved = keep.map((r) => {
    if (r.kind === 'sign-off') return { r, value: ledger.get(signOffKey(r.signOff.articleId, r.signOff.author.id, r.signOff.proof)) };
    const note = notes.get(r.note.id);
    const entries = note instanceof Y.Map ? new Map<string, unknown>(note.entries()) : new Map<string, unknown>();
    return { r, value: entries };
  });
  const undo = new Y.UndoManager([notes, ledger], { trackedOrigins: new Set([origin]), captureTimeout: Number.POSITIVE_INFINITY });
  Y.applyUpdate(doc, update, origin);
  if (saved.length > 0) {
    doc.transact(() => {
      for (const { r, value } of saved) {
        if (r.kind === 'sign-off') {
          if (value !== undefined) ledger.set(signOffKey(r.signOff.articleId, r.signOff.author.id, r.signOff.proof), value);
        } else if (r.kind === 'note') {
          notes.set(r.note.id, new Y.Map<unknown>([...(value as Map<string, unknown>)]));
        } else {
          const note = notes.get(r.note.id);
          const key = REPLY_PREFIX + r.reply.id;
          const old = (value as Map<string, unknown>).get(key);
          if (note instanceof Y.Map && old !== undefined) note.set(key, old);
        }
      }
    }, origin);
  }
  undo.stopCapturing();
  let undone = false;
  return {
    undo() {
      if (undone) return;
      undone = true;
      undo.undo();
      undo.destroy();
    },
    get undone() {
      return undone;
    },
    destroy() {
      undo.destroy();
    },
  };
}
