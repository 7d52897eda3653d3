// What the review's local store says, as the sync status shows it: loading, saved, saving (only
// when a write is still pending a moment later) or a saving error, with the error itself.

import type * as Y from 'yjs';
import type { LocalStoreError, ReviewStore } from './providers.ts';

export type SaveState = 'loading' | 'saving' | 'saved' | 'error';

/** An own change not yet on disk after this long shows as "saving"; a colleague's after the second. */
const SAVING_SHOWN_AFTER_MS = 150;
const REMOTE_SAVING_SHOWN_AFTER_MS = 400;

export class SaveTracker {
  readonly #store: ReviewStore;
  readonly #doc: Y.Doc;
  #state = $state<SaveState>('loading');
  #error = $state.raw<LocalStoreError | null>(null);
  #soon: ReturnType<typeof setTimeout> | undefined;

  constructor(doc: Y.Doc, store: ReviewStore) {
    this.#doc = doc;
    this.#store = store;
    doc.on('afterTransaction', this.#onTransaction);
    store.on('saved', this.#onSaved);
    store.on('error', this.#onError);
    void store.whenSynced.then(() => {
      if (this.#state === 'loading') this.#state = store.unsaved ? 'saving' : 'saved';
    });
  }

  get state(): SaveState {
    return this.#state;
  }
  get error(): LocalStoreError | null {
    return this.#error;
  }

  #onTransaction = (tr: Y.Transaction): void => {
    if (tr.origin === this.#store || tr.changed.size === 0 || this.#state !== 'saved') return;
    // "Saving" shows only when a write is still pending a moment later. Flipping the indicator
    // for every change re-rendered the page twice per note (a colleague's hundred notes, or one's
    // own quick edits), and each such frame repaints every highlighted passage; a write that
    // lands within the moment was never worth showing. Colleagues' changes are written in
    // batches (LocalStore's remoteBatchDelay), so they wait longer before showing.
    const delay = tr.local ? SAVING_SHOWN_AFTER_MS : REMOTE_SAVING_SHOWN_AFTER_MS;
    this.#soon ??= setTimeout(() => {
      this.#soon = undefined;
      if (this.#state === 'saved' && this.#store.unsaved) this.#state = 'saving';
    }, delay);
  };

  #onSaved = (): void => {
    clearTimeout(this.#soon);
    this.#soon = undefined;
    this.#state = 'saved';
  };

  #onError = (e: LocalStoreError): void => {
    this.#error = e;
    this.#state = 'error';
  };

  destroy(): void {
    clearTimeout(this.#soon);
    this.#doc.off('afterTransaction', this.#onTransaction);
    this.#store.off('saved', this.#onSaved);
    this.#store.off('error', this.#onError);
  }
}
