// The always-on office peer: a Hocuspocus provider on the review's Y.Doc, beside y-webrtc and
// IndexedDB (Yjs providers combine: each sends the doc's updates whatever their origin, so what a
// WebRTC peer wrote reaches the office and what the office holds reaches the mesh). Its operator can
// read the review (docs/SECURITY.md). Presence goes through it with its own awareness.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { ObservableV2 } from 'lib0/observable';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { OfficeOptions, OfficeState, OfficeStatus } from './office-status.ts';

export type OfficePeerEvents = {
  status: (status: OfficeStatus) => void;
};

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Sends only this client's own presence. The stock provider sends every awareness change, so each
 * client would echo everyone's presence back to the server: in a room of 50, 49 echoes per update.
 */
class QuietProvider extends HocuspocusProvider {
  override awarenessUpdateHandler(changes: AwarenessChanges, origin: unknown): void {
    const own = this.awareness?.clientID;
    if (origin === this || own === undefined) return;
    const mine = (list: number[]) => list.filter((id) => id === own);
    const added = mine(changes.added);
    const updated = mine(changes.updated);
    const removed = mine(changes.removed);
    if (added.length + updated.length + removed.length === 0) return;
    super.awarenessUpdateHandler({ added, updated, removed }, origin);
  }
}

export class OfficePeer extends ObservableV2<OfficePeerEvents> {
  readonly provider: HocuspocusProvider;
  #status: OfficeStatus;
  /** The socket opened since the last close: a close without it means nothing answered. */
  #opened = false;
  #destroyed = false;

  /** `WebSocketImpl`: Node has no WebSocket of its own (the benchmark passes `ws`'s). */
  constructor(doc: Y.Doc, roomName: string, office: OfficeOptions, WebSocketImpl?: unknown) {
    super();
    this.#status = { url: office.url, state: 'connecting', synced: false };
    // Without a socket of its own, the provider hands its whole configuration to the socket it makes,
    // so the socket's options go here too (its published type leaves them out).
    const config = {
      url: office.url,
      name: roomName,
      document: doc,
      token: office.key,
      // Back within a few seconds when an instance goes away (the default backoff reaches 30 s).
      maxDelay: 8000,
      ...(WebSocketImpl ? { WebSocketPolyfill: WebSocketImpl } : {}),
    };
    this.provider = new QuietProvider(config);
    this.provider.on('status', this.#onSocket);
    this.provider.on('synced', this.#onSynced);
    this.provider.on('authenticationFailed', this.#onRefused);
    this.provider.on('disconnect', this.#onClose);
  }

  get status(): OfficeStatus {
    return this.#status;
  }

  get awareness(): Awareness {
    // Always set: the provider makes its own when none is given.
    return this.provider.awareness!;
  }

  #set(state: OfficeState, synced = this.#status.synced): void {
    if (this.#destroyed || (state === this.#status.state && synced === this.#status.synced)) return;
    this.#status = { ...this.#status, state, synced };
    this.emit('status', [this.#status]);
  }

  #onSocket = ({ status }: { status: string }): void => {
    if (status === 'connected') this.#opened = true;
  };

  #onSynced = ({ state }: { state: boolean }): void => {
    if (state) this.#set('connected', true);
  };

  // A wrong key will not become right by retrying: stop until the settings or the link change.
  #onRefused = (): void => {
    this.#set('refused');
    this.provider.disconnect();
  };

  #onClose = (): void => {
    if (this.#status.state === 'refused') return;
    this.#set(this.#opened ? 'connecting' : 'unreachable');
    this.#opened = false;
  };

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.provider.off('status', this.#onSocket);
    this.provider.off('synced', this.#onSynced);
    this.provider.off('authenticationFailed', this.#onRefused);
    this.provider.off('disconnect', this.#onClose);
    this.provider.destroy();
    super.destroy();
  }
}
