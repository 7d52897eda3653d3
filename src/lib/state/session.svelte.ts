// One open review: the issue's Y.Doc with its local store and undo history. Views read notes and
// sign-offs through reactive getters and change them through methods; they never touch yjs.

import * as Y from 'yjs';
import { tick } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import type { Issue } from '../issue/types.ts';
import {
  addReply,
  createNote,
  createUndoManager,
  deleteNote,
  deleteReply,
  repairNote,
  editNote,
  editReply,
  observeReview,
  readIssue,
  readLedger,
  NotesReader,
  revokeSignOff,
  setStatus,
  signOff,
  type LedgerView,
  type NoteDraft,
  type NotePatch,
  type NoteStatus,
  type NotesView,
  type WriteResult,
  readProofs,
  addProof,
  readCarry,
  writeCarry,
  notesInProof,
  LOCAL_ORIGIN,
  type Proof,
  type ProofWrite,
  type CarryRecord,
  type CarryWrite,
  type ProofNotes,
} from '../review/index.ts';
import { proofsMap } from '../review/proofs.ts';
import { carryMap } from '../review/carry.ts';
import { houseMap, marksMap, readHouse, readMarks, type Marks, type SharedPair } from '../review/checker.ts';
import { issueMap, ledgerMap, notesMap } from '../review/doc.ts';
import type { IssueDamage } from '../review/issue-guard.ts';
import { IssueKeeper } from './issue-keeper.svelte.ts';
import { SaveTracker, type SaveState } from './save-state.svelte.ts';
import type { IssueRead } from '../review/issue-field.ts';
import { RenderGate } from './render-gate.ts';
import type { Identity } from './identity.svelte.ts';
import type { LocalStoreError, Providers, ReviewStore } from './providers.ts';

export type { SaveState } from './save-state.svelte.ts';

/** What the review doc holds of the issue text. */
export type IssueState =
  | { kind: 'present' }
  /** Nothing yet: it comes from the store or from a peer. */
  | { kind: 'absent' }
  /** Named only: too big to travel in the review (its JSON length, in characters). */
  | { kind: 'too-large'; chars: number }
  /** Removed, unreadable or another issue, and this device has no copy to put back. */
  | { kind: 'damaged' };

type Part = 'issue' | 'notes' | 'ledger' | 'proofs' | 'carry' | 'house' | 'marks';

interface Reads {
  issue: IssueRead;
  notes: NotesView;
  ledger: LedgerView;
  proofs: Proof[];
  carry: Map<string, Map<string, CarryRecord>>;
  house: SharedPair[];
  marks: Marks;
}
type Cache = { [K in Part]?: [number, Reads[K]] };

export class Session {
  readonly issueId: string;
  readonly doc: Y.Doc;
  readonly store: ReviewStore;
  readonly #identity: Identity;
  readonly #undo: Y.UndoManager;
  readonly #notesReader: NotesReader;
  readonly #save: SaveTracker;
  #disposers: Array<() => void> = [];
  readonly #keeper: IssueKeeper;

  // Reads are cached per version of the part they read, bumped after each transaction that
  // changed it: the Y.Doc stays the single source of truth, and a new note does not re-read the issue.
  #versions: Record<Part, number> = { issue: 0, notes: 0, ledger: 0, proofs: 0, carry: 0, house: 0, marks: 0 };
  /** notesIn(proof) per proof id, with the versions it was read at. */
  #inProof = new Map<string, { at: string; value: ProofNotes }>();
  #cache: Cache = {};
  // Re-renders after doc changes are paced by a RenderGate (render-gate.ts).
  #subscribe = createSubscriber((update) => {
    const gate = new RenderGate(update, tick);
    const off = observeReview(this.doc, (tr) => gate.request(tr.local));
    return () => {
      gate.stop();
      off();
    };
  });

  /** `issue` is given when opened from a file; a peer who joins by link gets it from the doc. */
  constructor(issueId: string, identity: Identity, openStore: Providers['openStore'], issue?: Issue) {
    this.issueId = issueId;
    this.#identity = identity;
    this.doc = new Y.Doc({ gc: true });
    // afterTransaction, not 'update': an update listener makes Yjs encode every change, which
    // costs hundreds of milliseconds when a stored review of thousands of notes is loaded.
    const roots = new Map<unknown, Part>([
      [issueMap(this.doc), 'issue'],
      [notesMap(this.doc), 'notes'],
      [ledgerMap(this.doc), 'ledger'],
      [proofsMap(this.doc), 'proofs'],
      [carryMap(this.doc), 'carry'],
      [houseMap(this.doc), 'house'],
      [marksMap(this.doc), 'marks'],
    ]);
    const onTransaction = (tr: Y.Transaction) => {
      for (const type of tr.changedParentTypes.keys()) {
        const part = roots.get(type);
        if (part) this.#versions[part]++;
        // The first proof is the issue map: a change there changes the list of proofs too.
        if (part === 'issue') this.#versions.proofs++;
      }
    };
    this.doc.on('afterTransaction', onTransaction);
    this.#disposers.push(() => this.doc.off('afterTransaction', onTransaction));
    this.#notesReader = new NotesReader(this.doc);
    this.#disposers.push(() => this.#notesReader.destroy());
    this.store = openStore(issueId, this.doc);
    this.#undo = createUndoManager(this.doc);
    this.#save = new SaveTracker(this.doc, this.store);
    this.#disposers.push(() => this.#save.destroy());
    // Only a first write of the issue is cleared from the undo history; the same file opened again keeps it.
    this.#keeper = new IssueKeeper(this.doc, issueId, this.store.whenSynced, () => this.#undo.clear());
    this.#disposers.push(() => this.#keeper.destroy());
    if (issue) void this.provideIssue(issue);
  }

  /**
   * Puts this device's copy of the issue into the review doc (once loaded; a no-op when it is
   * already there) and keeps it there: if a peer removes or damages it, it is written back.
   */
  provideIssue(issue: Issue): Promise<void> {
    return this.#keeper.provide(issue);
  }

  get whenLoaded(): Promise<void> {
    return this.store.whenSynced;
  }
  /** The issue text as the review doc holds it (null until it arrives from the store or a peer). */
  get issue(): Issue | null {
    const issue = this.#read('issue', () => readIssue(this.doc)).issue;
    return issue?.id === this.issueId ? issue : null;
  }
  get issueState(): IssueState {
    const read = this.#read('issue', () => readIssue(this.doc));
    if (read.issue?.id === this.issueId) return { kind: 'present' };
    if (read.tooLarge?.id === this.issueId) return { kind: 'too-large', chars: read.tooLarge.chars };
    if (read.issue || read.invalid || read.tooLarge) return { kind: 'damaged' };
    return { kind: 'absent' };
  }
  /** A peer removed, damaged or replaced the issue text and this device wrote its copy back. */
  get issueRestored(): { damage: IssueDamage; count: number } | null {
    return this.#keeper.restored;
  }
  get notes(): NotesView {
    return this.#read('notes', () => this.#notesReader.read());
  }
  /** Every proof of the review, in round order (the first is listed before its text arrives). */
  get proofs(): Proof[] {
    return this.#read('proofs', () => readProofs(this.doc, this.issueId));
  }
  /** The 核红 records: per proof id, per note id. */
  get carry(): Map<string, Map<string, CarryRecord>> {
    return this.#read('carry', () => readCarry(this.doc));
  }
  /** The notes seen in one proof: made in it, or carried into it (review/proof-notes.ts). */
  notesIn(proofId: string): ProofNotes {
    const notes = this.notes;
    const proofs = this.proofs;
    const carry = this.carry;
    const at = `${this.#versions.notes}/${this.#versions.proofs}/${this.#versions.carry}`;
    const cached = this.#inProof.get(proofId);
    if (cached && cached.at === at) return cached.value;
    const value = notesInProof(notes.notes, proofs, carry, proofId);
    this.#inProof.set(proofId, { at, value });
    return value;
  }
  /**
   * Adds `issue` as the next proof, with where each earlier note is in it (and its 核红 status), in
   * one transaction: colleagues never see the proof without them.
   */
  addProof(issue: Issue, carried: readonly CarryWrite[]): ProofWrite {
    const now = Date.now();
    return addProof(this.doc, this.issueId, issue, this.#identity.author, {
      now,
      also: () => writeCarry(this.doc, issue.id, carried, now),
    });
  }
  /** Records where notes that arrived late are in a later proof. */
  writeCarry(proofId: string, carried: readonly CarryWrite[]): void {
    if (carried.length === 0) return;
    this.doc.transact(() => writeCarry(this.doc, proofId, carried), LOCAL_ORIGIN);
  }
  /** The editors' house list (用字表), shared in the review. */
  get house(): SharedPair[] {
    return this.#read('house', () => readHouse(this.doc));
  }
  /** What people decided about the automatic checks' findings. */
  get marks(): Marks {
    return this.#read('marks', () => readMarks(this.doc));
  }
  get ledger(): LedgerView {
    return this.#read('ledger', () => readLedger(this.doc));
  }

  #read<K extends Part>(part: K, read: () => Reads[K]): Reads[K] {
    this.#subscribe();
    const cached = this.#cache[part];
    if (cached && cached[0] === this.#versions[part]) return cached[1];
    const value = read();
    this.#cache[part] = [this.#versions[part], value] as Cache[K];
    return value;
  }
  get saveState(): SaveState {
    return this.#save.state;
  }
  get storeError(): LocalStoreError | null {
    return this.#save.error;
  }
  get canUndo(): boolean {
    // Read through the same gated subscription as the notes: every undo step is a transaction on
    // the review, and a separate signal re-rendered the margin for each of one's own quick writes.
    this.#subscribe();
    return this.#undo.undoStack.length > 0;
  }
  get canRedo(): boolean {
    this.#subscribe();
    return this.#undo.redoStack.length > 0;
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
  /** Writes the defaults a damaged note of mine is shown with (review/notes.ts repairNote). */
  repairNote(id: string): WriteResult {
    return repairNote(this.doc, id, this.#identity.id);
  }
  /** A decision, kept with who made it and in which proof (null: the first). */
  setStatus(id: string, status: NoteStatus, proof: string | null = null): WriteResult {
    return setStatus(this.doc, id, status, { author: this.#identity.author, proof });
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
  signOff(articleId: string, proof: string | null = null): WriteResult {
    return signOff(this.doc, articleId, this.#identity.author, Date.now(), proof);
  }
  revokeSignOff(articleId: string, proof: string | null = null): WriteResult {
    return revokeSignOff(this.doc, articleId, this.#identity.id, proof);
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
    await this.store.destroy().catch(() => undefined);
    this.doc.destroy();
  }
}
