// The review document: schema, validated reads, typed writes, undo. See docs/SCHEMA.md.

export * from './types.ts';
export { LOCAL_ORIGIN } from './origin.ts';
export { ROOT } from './doc.ts';
export { readNotes, readNote, readLedger, articleState, compareNotes, NotesReader } from './read.ts';
export type { NotesView, NoteCounts, LedgerView, ArticleReviewState } from './read.ts';
export { createNote, editNote, deleteNote, repairNote, setStatus, addReply, editReply, deleteReply, canEdit, newId } from './notes.ts';
export type { NoteDraft, NotePatch } from './notes.ts';
export { signOff, revokeSignOff } from './ledger.ts';
export { setIssue, readIssue, ISSUE_KEY, type IssueRead } from './issue-field.ts';
export { createUndoManager } from './undo.ts';
export { observeReview } from './observe.ts';
export { validateNote, validateReply, validateSignOff, UNKNOWN_NAME, UNKNOWN_COLOUR } from './validate.ts';
export { readProofs, addProof, restoreProof, type Proof, type ProofWrite } from './proofs.ts';
export { readCarry, writeCarry, carryKey, CARRY_STATUSES, type CarryRecord, type CarryStatus, type CarryWrite } from './carry.ts';
export { notesInProof, roundOf, type ProofNote, type ProofNotes } from './proof-notes.ts';
export { heads, effectiveStatus } from './decisions.ts';
export { ledgerArticleKey } from './doc.ts';
