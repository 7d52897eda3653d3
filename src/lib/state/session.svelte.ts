// One open review: the issue's Y.Doc with its local store and undo history. Views read notes and
// sign-offs through reactive getters and change them through methods; they never touch yjs.

import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import type { Issue } from '../issue/types.ts';
import {
  addReply,
  createNote,
  createUndoManager,
  deleteNote,
  deleteReply,
  editNote,
  editReply,
  observeReview,
  readIssue,
  readLedger,
  readNotes,
  revokeSignOff,
  setIssue,
  setStatus,
  signOff,
  type LedgerView,
  type NoteDraft,
  type NotePatch,
  type NoteStatus,
  type NotesView,
  type WriteResult,
} from '../review/index.ts';
import { LocalStore, type LocalStoreError } from '../sync/local-store.ts';
import type { Identity } from './identity.svelte.ts';

export type SaveState = 'loading' | 'saving' | 'saved' | 'error';

export class Session {
  readonly issueId: string;
  readonly doc: Y.Doc;
  readonly store: LocalStore;
  readonly #identity: Identity;
  readonly #undo: Y.UndoManager;
  #saveState = $state<SaveState>('loading');
  #storeError = $state.raw<LocalStoreError | null>(null);
  #undoDepth = $state({ undo: 0, redo: 0 });
  #disposers: Array<() => void> = [];

  // Reads are cached per doc version: the Y.Doc stays the single source of truth.
  #version = 0;
  #notesAt = -1;
  #notes: NotesView | null = null;
  #ledgerAt = -1;
  #ledger: LedgerView | null = null;
  #issueAt = -1;
  #issue: Issue | null = null;
  #subscribe = createSubscriber((update) => {
    const off = observeReview(this.doc, () => {
      this.#version++;
      update();
    });
    return off;
  });

  /** `issue` is given when opened from a file; a peer who joins by link gets it from the doc. */
  constructor(issueId: string, identity: Identity, issue?: Issue) {
    this.issueId = issueId;
    this.#identity = identity;
    this.doc = new Y.Doc({ gc: true });
    this.doc.on('update', () => {
      // Any change, local or remote, makes the cached reads stale even before a subscriber asks.
      this.#version++;
    });
    this.store = new LocalStore(issueId, this.doc);
    this.#undo = createUndoManager(this.doc);
    const track = () => (this.#undoDepth = { undo: this.#undo.undoStack.length, redo: this.#undo.redoStack.length });
    for (const ev of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.#undo.on(ev, track);
      this.#disposers.push(() => this.#undo.off(ev, track));
    }
    const onSaved = () => (this.#saveState = 'saved');
    const onError = (e: LocalStoreError) => {
      this.#storeError = e;
      this.#saveState = 'error';
    };
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin !== this.store && this.#saveState !== 'error') this.#saveState = 'saving';
    };
    this.store.on('saved', onSaved);
    this.store.on('error', onError);
    this.doc.on('update', onUpdate);
    this.#disposers.push(() => {
      this.store.off('saved', onSaved);
      this.store.off('error', onError);
      this.doc.off('update', onUpdate);
    });
    void this.store.whenSynced.then(() => {
      if (issue) setIssue(this.doc, issue);
      if (this.#saveState === 'loading') this.#saveState = this.store.unsaved ? 'saving' : 'saved';
      this.#undo.clear();
    });
  }

  get whenLoaded(): Promise<void> {
    return this.store.whenSynced;
  }
  /** The issue text as the review doc holds it (null until it arrives from the store or a peer). */
  get issue(): Issue | null {
    this.#subscribe();
    if (this.#issueAt !== this.#version) {
      this.#issue = readIssue(this.doc).issue;
      this.#issueAt = this.#version;
    }
    return this.#issue;
  }
  get notes(): NotesView {
    this.#subscribe();
    if (!this.#notes || this.#notesAt !== this.#version) {
      this.#notes = readNotes(this.doc);
      this.#notesAt = this.#version;
    }
    return this.#notes;
  }
  get ledger(): LedgerView {
    this.#subscribe();
    if (!this.#ledger || this.#ledgerAt !== this.#version) {
      this.#ledger = readLedger(this.doc);
      this.#ledgerAt = this.#version;
    }
    return this.#ledger;
  }
  get saveState(): SaveState {
    return this.#saveState;
  }
  get storeError(): LocalStoreError | null {
    return this.#storeError;
  }
  get canUndo(): boolean {
    return this.#undoDepth.undo > 0;
  }
  get canRedo(): boolean {
    return this.#undoDepth.redo > 0;
  }
  get me(): Identity {
    return this.#identity;
  }

  createNote(draft: NoteDraft): WriteResult {
    return createNote(this.doc, draft, this.#identity.author);
  }
  editNote(id: string, patch: NotePatch): WriteResult {
    return editNote(this.doc, id, this.#identity.id, patch);
  }
  deleteNote(id: string): WriteResult {
    return deleteNote(this.doc, id, this.#identity.id);
  }
  setStatus(id: string, status: NoteStatus): WriteResult {
    return setStatus(this.doc, id, status);
  }
  reply(noteId: string, body: string): WriteResult {
    return addReply(this.doc, noteId, body, this.#identity.author);
  }
  editReply(noteId: string, replyId: string, body: string): WriteResult {
    return editReply(this.doc, noteId, replyId, this.#identity.id, body);
  }
  deleteReply(noteId: string, replyId: string): WriteResult {
    return deleteReply(this.doc, noteId, replyId, this.#identity.id);
  }
  signOff(articleId: string): WriteResult {
    return signOff(this.doc, articleId, this.#identity.author);
  }
  revokeSignOff(articleId: string): WriteResult {
    return revokeSignOff(this.doc, articleId, this.#identity.id);
  }
  undo(): void {
    this.#undo.undo();
  }
  redo(): void {
    this.#undo.redo();
  }
  /** Resolves once everything changed so far is on disk (call on pagehide). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  async destroy(): Promise<void> {
    for (const d of this.#disposers.splice(0)) d();
    this.#undo.destroy();
    await this.store.flush().catch(() => undefined);
    this.doc.destroy();
  }
}
