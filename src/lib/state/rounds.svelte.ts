// The proof cycle of the open review: open the next proof from a file (it becomes the next round of
// the same review, and colleagues receive it by sync), carry every note of the round before into it
// with its 核红 status, keep those records complete when notes arrive late, and compare two rounds.
// The comparing itself is pure (src/lib/compare); this class decides when and writes the results.

import { compareProofs } from '../compare/index.ts';
import type { Carried, CarryInput, ProofComparison } from '../compare/types.ts';
import type { Issue } from '../issue/types.ts';
import type { CarryWrite, Proof, ProofNotes, ProofWrite } from '../review/index.ts';
import type { Library } from './library.svelte.ts';
import type { Reader } from './reader.svelte.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';
import type { Session } from './session.svelte.ts';

export type AddOutcome = ProofWrite | 'no-review' | 'unreadable' | 'not-ready';

/** What the reading pane shows: the proof, its 核红 list, or two rounds of one article side by side. */
export type RoundView =
  | { kind: 'read' }
  | { kind: 'check' }
  | { kind: 'compare'; articleId: string; from: number; to: number; focus: string | null };

/** What comparing needs of the notes seen in the round before: each where it is there. */
export function carryInputs(before: ProofNotes, beforeRound: number, proofs: readonly Proof[]): CarryInput[] {
  const inputs: CarryInput[] = [];
  for (const item of before.all) {
    if (!item.target) continue;
    const made = item.note.proof === null ? 1 : (proofs.find((p) => p.id === item.note.proof)?.round ?? 0);
    // 核红 asks of the suggestions of the round before (accepted or open); older and rejected ones
    // are followed like comments: is their passage still there, changed, or gone.
    const check = item.note.kind === 'suggestion' && made === beforeRound && item.note.status !== 'rejected';
    inputs.push({ id: item.note.id, kind: check ? 'suggestion' : 'comment', target: item.target, suggestion: check ? item.note.suggestion : null });
  }
  return inputs;
}

/** The records to write for a new round: every carried note, and those already lost before stay lost. */
export function carryWrites(before: ProofNotes, carried: readonly Carried[]): CarryWrite[] {
  const writes: CarryWrite[] = carried.map((c) => ({ noteId: c.noteId, status: c.status, target: c.target, how: c.how ?? '' }));
  for (const item of before.all) if (!item.target) writes.push({ noteId: item.note.id, status: 'orphaned', target: null, how: '' });
  return writes;
}

export class Rounds {
  readonly #desk: ReviewDesk;
  readonly #reader: Reader;
  readonly #library: Library;
  #busy = $state.raw<'reading' | 'comparing' | null>(null);
  #outcome = $state.raw<{ file: string; result: AddOutcome } | null>(null);
  #view = $state.raw<RoundView>({ kind: 'read' });
  /** Comparisons by `<old id>><new id>`, with the notes version they were made at. */
  #comparisons = new Map<string, { at: string; value: ProofComparison }>();

  constructor(desk: ReviewDesk, reader: Reader, library: Library) {
    this.#desk = desk;
    this.#reader = reader;
    this.#library = library;
  }

  get busy(): 'reading' | 'comparing' | null {
    return this.#busy;
  }
  /** What happened to the last file opened as the next proof, until dismissed. */
  get outcome(): { file: string; result: AddOutcome } | null {
    return this.#outcome;
  }
  dismiss(): void {
    this.#outcome = null;
  }

  get view(): RoundView {
    return this.#view;
  }
  /** Back to reading the proof on screen. */
  read(): void {
    this.#view = { kind: 'read' };
  }
  /** The 核红 list of the proof on screen. */
  check(): void {
    this.#view = { kind: 'check' };
  }
  /** One article in rounds `from` and `to` side by side; `focus` a passage (a target's block id) to show. */
  compare(articleId: string, from: number, to: number, focus: string | null = null): void {
    this.#view = { kind: 'compare', articleId, from, to, focus };
  }

  /** Reads `file` (any format the app reads) and adds it as the next round of the open review. */
  async addFile(file: Blob, name: string): Promise<AddOutcome> {
    const session = this.#desk.session;
    if (!session) return this.#say(name, 'no-review');
    this.#busy = 'reading';
    try {
      const issue = await this.#library.read(file, name);
      if (!issue) return this.#say(name, 'unreadable');
      return this.#say(name, this.add(issue, session));
    } finally {
      this.#busy = null;
    }
  }

  /** Adds `issue` as the next round: notes of the round before are carried into it, then it is shown. */
  add(issue: Issue, session: Session | null = this.#desk.session): AddOutcome {
    if (!session) return 'no-review';
    const proofs = session.proofs;
    const last = proofs[proofs.length - 1]!;
    if (!last.issue) return 'not-ready';
    if (proofs.some((p) => p.id === issue.id)) {
      this.#reader.setRound(proofs.find((p) => p.id === issue.id)!.round);
      return 'unchanged';
    }
    this.#busy = 'comparing';
    try {
      const before = session.notesIn(last.id);
      const comparison = compareProofs(last.issue, issue, carryInputs(before, last.round, proofs));
      const result = session.addProof(issue, carryWrites(before, comparison.carried));
      if (result === 'written' || result === 'too-large') this.#reader.setRound(proofs.length + 1);
      return result;
    } finally {
      this.#busy = null;
    }
  }

  /** Keeps the 核红 records complete as notes and proofs arrive; returns the stop function. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = $effect.root(() => {
      $effect(() => {
        const session = this.#desk.session;
        if (!session) return;
        // Read what the records depend on, so a change to any of them schedules a fill.
        void session.notes;
        void session.carry;
        if (session.proofs.length < 2) return;
        clearTimeout(timer);
        timer = setTimeout(() => this.fillCarry(session), 400);
      });
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  /**
   * Notes that reached a round after the next one was added (an offline colleague's) get their
   * records now. Every client does the same work and writes the same values, so who does it first
   * does not matter. Returns how many records were written.
   */
  fillCarry(session: Session | null = this.#desk.session): number {
    if (!session) return 0;
    const proofs = session.proofs;
    let written = 0;
    for (let i = 1; i < proofs.length; i++) {
      const prev = proofs[i - 1]!;
      const next = proofs[i]!;
      if (!prev.issue || !next.issue) continue;
      const before = session.notesIn(prev.id);
      const done = session.carry.get(next.id);
      const missing: ProofNotes = { ...before, all: before.all.filter((p) => !p.pending && !done?.has(p.note.id)) };
      if (missing.all.length === 0) continue;
      const carried = compareProofs(prev.issue, next.issue, carryInputs(missing, prev.round, proofs)).carried;
      const writes = carryWrites(missing, carried);
      session.writeCarry(next.id, writes);
      written += writes.length;
    }
    return written;
  }

  /** Any two rounds of the review compared (text only, no notes), cached per pair. */
  between(from: number, to: number, session: Session | null = this.#desk.session): ProofComparison | null {
    if (!session) return null;
    const a = session.proofs.find((p) => p.round === from);
    const b = session.proofs.find((p) => p.round === to);
    if (!a?.issue || !b?.issue) return null;
    const key = `${a.id}~${b.id}`;
    const cached = this.#comparisons.get(key);
    if (cached) return cached.value;
    const value = compareProofs(a.issue, b.issue, []);
    this.#comparisons.set(key, { at: '', value });
    return value;
  }

  /** The comparison of a round with the one before it (cached until the notes change). */
  comparison(proofId: string, session: Session | null = this.#desk.session): ProofComparison | null {
    if (!session) return null;
    const proofs = session.proofs;
    const i = proofs.findIndex((p) => p.id === proofId);
    const prev = proofs[i - 1];
    const cur = proofs[i];
    if (!prev?.issue || !cur?.issue) return null;
    const before = session.notesIn(prev.id);
    const at = String(session.notes.notes.length) + '/' + before.all.length;
    const key = `${prev.id}>${cur.id}`;
    const cached = this.#comparisons.get(key);
    if (cached && cached.at === at) return cached.value;
    const value = compareProofs(prev.issue, cur.issue, carryInputs(before, prev.round, proofs));
    this.#comparisons.set(key, { at, value });
    return value;
  }

  #say(file: string, result: AddOutcome): AddOutcome {
    this.#outcome = { file, result };
    return result;
  }
}
