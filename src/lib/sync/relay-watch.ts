// Whether any signaling relay of a room answers: trying (no answer yet), up (one is connected) or
// unreachable (every URL has failed at least one attempt and none is connected). y-webrtc's signaling
// connections are lib0 WebsocketClients: they say `connect` and `disconnect`, but a failed attempt
// only bumps `unsuccessfulReconnects` and schedules a retry, with no event. So each client's `ws`
// field is watched (see watchSockets) and every socket it holds is heard when it closes.
import type { RelayState } from './office-status.ts';

/** The parts of lib0's WebsocketClient (y-webrtc's SignalingConn) read here. */
export interface SignalingClient {
  url: string;
  connected: boolean;
  unsuccessfulReconnects: number;
  ws: WebSocket | null;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

// One watcher per client, shared by every room that uses it (y-webrtc keeps one client per URL for
// the whole page), so several rooms never stack accessors on the same field.
const socketListeners = new WeakMap<SignalingClient, Set<() => void>>();

function watchSockets(client: SignalingClient, listener: () => void): void {
  let listeners = socketListeners.get(client);
  if (!listeners) {
    const set = new Set<() => void>();
    listeners = set;
    socketListeners.set(client, set);
    const onClose = (): void => {
      for (const l of [...set]) l();
    };
    const hear = (ws: WebSocket | null): void => ws?.addEventListener('close', onClose);
    let current = client.ws;
    hear(current);
    // lib0 assigns a new WebSocket to `ws` for every attempt; an accessor hears each one. lib0 sets
    // the socket's onclose just after assigning it, so the listener goes on a microtask later: it then
    // runs after lib0's own handler, once the client's counters are updated.
    Object.defineProperty(client, 'ws', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (ws: WebSocket | null) => {
        current = ws;
        queueMicrotask(() => hear(ws));
      },
    });
  }
  listeners.add(listener);
}

export class RelayWatch {
  readonly urls: string[];
  readonly #clients: SignalingClient[];
  readonly #onChange: () => void;
  #destroyed = false;

  /** `onChange` is called on every connect, disconnect and failed attempt; read `state` then. */
  constructor(clients: SignalingClient[], onChange: () => void) {
    this.#clients = [...clients];
    this.urls = this.#clients.map((c) => c.url);
    this.#onChange = onChange;
    for (const client of this.#clients) {
      client.on('connect', this.#changed);
      client.on('disconnect', this.#changed);
      watchSockets(client, this.#changed);
    }
  }

  get state(): RelayState {
    if (this.#clients.some((c) => c.connected)) return 'up';
    if (this.#clients.length > 0 && this.#clients.every((c) => c.unsuccessfulReconnects > 0)) return 'unreachable';
    return 'trying';
  }

  #changed = (): void => {
    if (!this.#destroyed) this.#onChange();
  };

  destroy(): void {
    this.#destroyed = true;
    for (const client of this.#clients) {
      client.off('connect', this.#changed);
      client.off('disconnect', this.#changed);
      socketListeners.get(client)?.delete(this.#changed);
    }
  }
}
