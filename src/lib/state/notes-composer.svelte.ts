// The note being written: its passage (a target taken from the selection), kind, category, colour,
// body and, for a suggestion, the operation and proposed text. Saving goes through the Session.
// Each note starts afresh: no category carried over from the one before, an empty proposal box.

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
  /** '' until the reviewer picks one; saved as 其他 (other) then. */
  #category = $state<Category | ''>('');
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
  get category(): Category | '' {
    return this.#category;
  }
  set category(category: Category | '') {
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
  /** A comment or question with nothing written: the view asks before saving it. */
  get emptyBody(): boolean {
    return (this.#kind === 'comment' || this.#kind === 'question') && this.#body.trim() === '';
  }
  /** Why the last save failed, if it did. */
  get error(): string | null {
    return this.#error;
  }

  start(target: Target, kind: NoteKind, place: ComposerPlace): void {
    this.#target = target;
    this.#place = place;
    this.#kind = kind;
    this.#category = '';
    this.#body = '';
    this.#op = target.quote === '' ? 'insert' : 'replace';
    // Empty, not the old text: typing into a pre-filled box appended (高標準 → 高標準高标准).
    this.#proposal = '';
    this.#error = null;
  }

  /** Puts the passage itself in the proposal box, to edit rather than retype it. */
  copyOriginal(): void {
    this.#proposal = this.#target?.quote ?? '';
  }

  cancel(): void {
    this.#target = null;
    this.#error = null;
  }

  draft(): NoteDraft | null {
    const target = this.#target;
    if (!target) return null;
    const draft: NoteDraft = { target, kind: this.#kind, category: this.#category || 'other', body: this.#body.trim(), colour: this.#colour };
    if (this.#kind === 'suggestion') draft.suggestion = { op: this.#op, text: this.#op === 'delete' ? '' : this.#proposal };
    return draft;
  }

  /** Writes the note, on `proof` (the proof on screen; null for the first). */
  /** The composer closes on success and keeps its text on failure. */
  save(session: Session, proof: string | null = null): WriteResult | null {
    const draft = this.draft();
    if (!draft) return null;
    const result = session.createNote(proof ? { ...draft, proof } : draft);
    if (result.ok) this.cancel();
    else this.#error = result.detail ?? result.reason;
    return result;
  }
}
