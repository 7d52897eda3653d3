// Notes from another tool (W3C Web Annotations, already parsed and anchored by src/lib/export) as an
// update to the review, so they go through the same preview, confirmation and undo as a review
// package (merge.ts): written into a scratch copy of the review, then taken as the difference.
// Notes whose ids the review already has are skipped, so importing twice adds nothing.

import * as Y from 'yjs';
import { notesMap } from './doc.ts';
import { addReply, createNote, setStatus } from './notes.ts';
import type { Author, Category, HighlightColour, NoteKind, NoteStatus, Reply, Suggestion, Target } from './types.ts';

/** What importing needs of a note (an ImportedNote of src/lib/export is one). */
export interface NoteToImport {
  id: string;
  target: Target;
  kind: NoteKind;
  category: Category;
  colour: HighlightColour | null;
  author: Author;
  created: number;
  status: NoteStatus;
  body: string;
  suggestion: Suggestion | null;
  replies: ReadonlyArray<Pick<Reply, 'id' | 'author' | 'body' | 'created'>>;
}

export interface ImportUpdate {
  /** The update to merge (empty when there is nothing new). */
  update: Uint8Array;
  /** Notes skipped because the review has them already. */
  known: number;
  /** Notes the schema would not take, with why. */
  refused: Array<{ id: string; reason: string }>;
}

/** Writes `notes` (made in `proof`, null for the first) into a copy of `doc` and returns the difference. */
export function importUpdate(doc: Y.Doc, notes: readonly NoteToImport[], proof: string | null): ImportUpdate {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const have = notesMap(scratch);
    let known = 0;
    const refused: ImportUpdate['refused'] = [];
    for (const n of notes) {
      if (have.has(n.id)) {
        known++;
        continue;
      }
      const draft = {
        id: n.id,
        target: n.target,
        kind: n.kind,
        category: n.category,
        body: n.body,
        colour: n.colour,
        proof,
        ...(n.suggestion ? { suggestion: n.suggestion } : {}),
      };
      const r = createNote(scratch, draft, n.author, n.created);
      if (!r.ok) {
        refused.push({ id: n.id, reason: r.detail ?? r.reason });
        continue;
      }
      if (n.status !== 'open') setStatus(scratch, n.id, n.status, { author: n.author, proof, now: n.created });
      for (const reply of n.replies) addReply(scratch, n.id, reply.body, reply.author, reply.created, reply.id);
    }
    return { update: Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(doc)), known, refused };
  } finally {
    scratch.destroy();
  }
}
