// The note being written: its passage (a target taken from the selection), kind, category, colour,
// body and, for a suggestion, the operation and proposed text. Saving goes through the Session.

import type { Target } from '../anchor/index.ts';
import type { Category, HighlightColour, NoteDraft, NoteKind, SuggestionOp, WriteResult } from '../review/index.ts';
import type { Session } from './session.svelte.ts';

/** Where the composer was opened, in viewport pixels (the selection's box). */
export interface ComposerPlace {
  top: number;
  bottom: number;
  left: number;
}

export class NoteComposer {
  #target = $state.raw<Target | null>(null);
  #place = $state.raw<ComposerPlace>({ top: 0, bottom: 0, left: 0 });
  #kind = $state<NoteKind>('comment');
  #category = $state<Category>('other');
  #colour = $state<HighlightColour | null>(null);
  #body = $state('');
  #op = $state<SuggestionOp>('replace');
  #proposal = $state('');
  #error = $state.raw<string | null>(null);

  get open(): boolean {
    return this.#target !== null;
  }
  get target(): Target | null {
    return this.#target;
  }
  get place(): ComposerPlace {
    return this.#place;
  }
  get kind(): NoteKind {
    return this.#kind;
  }
  set kind(kind: NoteKind) {
    this.#kind = kind;
  }
  get category(): Category {
    return this.#category;
  }
  set category(category: Category) {
    this.#category = category;
  }
  get colour(): HighlightColour | null {
    return this.#colour;
  }
  set colour(colour: HighlightColour | null) {
    this.#colour = colour;
  }
  get body(): string {
    return this.#body;
  }
  set body(body: string) {
    this.#body = body;
  }
  get op(): SuggestionOp {
    return this.#op;
  }
  set op(op: SuggestionOp) {
    this.#op = op;
    if (op === 'delete') this.#proposal = '';
  }
  get proposal(): string {
    return this.#proposal;
  }
  set proposal(text: string) {
    this.#proposal = text;
  }
  /** Why the last save failed, if it did. */
  get error(): string | null {
    return this.#error;
  }

  start(target: Target, kind: NoteKind, place: ComposerPlace): void {
    this.#target = target;
    this.#place = place;
    this.#kind = kind;
    this.#body = '';
    this.#op = target.quote === '' ? 'insert' : 'replace';
    this.#proposal = kind === 'suggestion' ? target.quote : '';
    this.#error = null;
  }

  cancel(): void {
    this.#target = null;
    this.#error = null;
  }

  draft(): NoteDraft | null {
    const target = this.#target;
    if (!target) return null;
    const draft: NoteDraft = { target, kind: this.#kind, category: this.#category, body: this.#body.trim(), colour: this.#colour };
    if (this.#kind === 'suggestion') draft.suggestion = { op: this.#op, text: this.#op === 'delete' ? '' : this.#proposal };
    return draft;
  }

  /** Writes the note; the composer closes on success and keeps its text on failure. */
  /** Writes the note, on `proof` (the proof on screen; null for the first). */
  save(session: Session, proof: string | null = null): WriteResult | null {
    const draft = this.draft();
    if (!draft) return null;
    const result = session.createNote(proof ? { ...draft, proof } : draft);
    if (result.ok) this.cancel();
    else this.#error = result.detail ?? result.reason;
    return result;
  }
}
