// Keeps tabs of the same issue in step over a BroadcastChannel: each tab sends its local updates,
// and a tab that opens sends its state vector so the others answer with what it lacks.

import * as Y from 'yjs';

type TabMessage = { from: string; type: 'update'; update: Uint8Array } | { from: string; type: 'state'; vector: Uint8Array };

export class TabChannel {
  readonly #doc: Y.Doc;
  readonly #origin: unknown;
  readonly #tab = Math.random().toString(36).slice(2, 10);
  #channel: BroadcastChannel | null;

  /** Updates from other tabs are applied with `origin` (the local store, which then does not save them again). */
  constructor(name: string, doc: Y.Doc, origin: unknown) {
    this.#doc = doc;
    this.#origin = origin;
    this.#channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    this.#channel?.addEventListener('message', this.#onMessage);
  }

  send(update: Uint8Array): void {
    this.#post({ from: this.#tab, type: 'update', update });
  }

  /** Ask the other tabs for whatever this doc lacks (e.g. changes they have not saved yet). */
  announce(): void {
    this.#post({ from: this.#tab, type: 'state', vector: Y.encodeStateVector(this.#doc) });
  }

  #onMessage = (event: MessageEvent): void => {
    const m = event.data as Partial<TabMessage> | null;
    if (!m || typeof m !== 'object' || m.from === this.#tab) return;
    try {
      if (m.type === 'update' && m.update instanceof Uint8Array) {
        Y.applyUpdate(this.#doc, m.update, this.#origin);
      } else if (m.type === 'state' && m.vector instanceof Uint8Array) {
        const missing = Y.encodeStateAsUpdate(this.#doc, m.vector);
        // An update with nothing in it is two zero bytes (no structs, no deletions).
        if (missing.length > 2) this.send(missing);
      }
    } catch {
      // A malformed message from another tab is ignored; the store on disk stays the truth.
    }
  };

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // The channel closed during teardown.
    }
  }

  destroy(): void {
    this.#channel?.removeEventListener('message', this.#onMessage);
    this.#channel?.close();
    this.#channel = null;
  }
}
