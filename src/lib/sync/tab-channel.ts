// Keeps tabs of the same issue in step over a BroadcastChannel: each tab sends its local updates,
// and a tab that opens sends its state vector so the others answer with what it lacks and with
// their own state vector, so it can answer in turn. A tab alone sends nothing: posting every
// update to a channel nobody listens on still costs a trip through the browser process.

import * as Y from 'yjs';

type TabMessage =
  | { from: string; type: 'update'; update: Uint8Array }
  /** A tab opened (or asks again): here is what I have. */
  | { from: string; type: 'state'; vector: Uint8Array }
  /** The answer to 'state': I am here too, and this is what I have. */
  | { from: string; type: 'here'; vector: Uint8Array }
  | { from: string; type: 'bye' };

export class TabChannel {
  readonly #doc: Y.Doc;
  readonly #origin: unknown;
  readonly #tab = Math.random().toString(36).slice(2, 10);
  #channel: BroadcastChannel | null;
  /** Other tabs heard from (a crashed one stays until it is heard saying bye; that only costs posts). */
  readonly #others = new Set<string>();

  /** Updates from other tabs are applied with `origin` (the local store, which then does not save them again). */
  constructor(name: string, doc: Y.Doc, origin: unknown) {
    this.#doc = doc;
    this.#origin = origin;
    this.#channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    this.#channel?.addEventListener('message', this.#onMessage);
  }

  /** Whether another tab of this issue is known to be open. */
  get hasOthers(): boolean {
    return this.#others.size > 0;
  }

  send(update: Uint8Array): void {
    if (this.#others.size === 0) return;
    this.#post({ from: this.#tab, type: 'update', update });
  }

  /** Ask the other tabs for whatever this doc lacks (e.g. changes they have not saved yet). */
  announce(): void {
    this.#post({ from: this.#tab, type: 'state', vector: Y.encodeStateVector(this.#doc) });
  }

  #onMessage = (event: MessageEvent): void => {
    const m = event.data as Partial<TabMessage> | null;
    if (!m || typeof m !== 'object' || typeof m.from !== 'string' || m.from === this.#tab) return;
    if (m.type === 'bye') {
      this.#others.delete(m.from);
      return;
    }
    this.#others.add(m.from);
    try {
      if (m.type === 'update' && m.update instanceof Uint8Array) {
        Y.applyUpdate(this.#doc, m.update, this.#origin);
      } else if ((m.type === 'state' || m.type === 'here') && m.vector instanceof Uint8Array) {
        if (m.type === 'state') this.#post({ from: this.#tab, type: 'here', vector: Y.encodeStateVector(this.#doc) });
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
    this.#post({ from: this.#tab, type: 'bye' });
    this.#others.clear();
    this.#channel?.removeEventListener('message', this.#onMessage);
    this.#channel?.close();
    this.#channel = null;
  }
}
