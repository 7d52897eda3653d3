// Relays peers' updates only where they are needed (docs/PROTOCOL.md, "Relaying").
//
// Stock y-webrtc sends every doc update it sees, its own and every one received from a peer, to
// every peer it is connected to. In a full mesh that is pure echo: with 8 people each note crosses
// the wire 56 times instead of 7, and every copy is decoded and applied by someone. Relaying is
// still needed where the mesh is not full (a pair of peers that cannot reach each other, a room
// bigger than y-webrtc's connection cap): there a peer in the middle must pass updates on.
//
// So each peer says in its awareness state which peers it is directly linked to
// (`relay: { peer, links }`), and an update received from peer S is passed on to a neighbour N only
// when S did not say it is linked to N (S sent it to N itself). Own updates, updates from this
// browser's other tabs, and updates from peers whose links are unknown go to every neighbour, as
// before. Because link news travels with a delay, a peer also asks its neighbours for anything it
// lacks (y-sync step 1) whenever its own links or a neighbour's change, and every REPAIR_MS anyway.

import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import type { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import { deliveringPeer } from './delivery.ts';

/** y-webrtc's message type for y-sync messages. */
const MESSAGE_SYNC = 0;
/** How often every neighbour is asked for what this peer lacks, whatever happened. */
export const REPAIR_MS = 15_000;
/** A pause after a link change before asking, so the news has reached the neighbours. */
const SETTLE_MS = 500;
const MAX_LINKS = 256;
const PEER_ID = /^[A-Za-z0-9-]{1,64}$/;

/** What a peer publishes in its awareness state under `relay`. */
export interface RelayState {
  /** The peer's y-webrtc peer id. */
  peer: string;
  /** Peer ids it has an open data channel with. */
  links: string[];
}

type Room = NonNullable<WebrtcProvider['room']>;
type Conn = Room['webrtcConns'] extends Map<string, infer C> ? C : never;

/** A peer's published relay state, or null when absent or malformed (then it is relayed to all). */
export function readRelayState(state: unknown): RelayState | null {
  if (state === null || typeof state !== 'object') return null;
  const relay = (state as { relay?: unknown }).relay;
  if (relay === null || typeof relay !== 'object') return null;
  const { peer, links } = relay as Partial<RelayState>;
  if (typeof peer !== 'string' || !PEER_ID.test(peer)) return null;
  if (!Array.isArray(links) || links.length > MAX_LINKS) return null;
  if (!links.every((l): l is string => typeof l === 'string' && PEER_ID.test(l))) return null;
  return { peer, links };
}

/**
 * Whether an update goes to neighbour `to`: always when it is this peer's own (`sender` null);
 * for one received from `sender`, only when the sender did not say it is linked to `to`.
 */
export function mustSend(to: string, sender: string | null, senderLinks: ReadonlySet<string> | undefined): boolean {
  if (sender === null) return true;
  return to !== sender && !senderLinks?.has(to);
}

export interface RelayStats {
  /** Updates received from a peer and passed on to n neighbours, summed over n. */
  relayed: number;
  /** Copies not sent because the neighbour had it from the sender directly. */
  skipped: number;
}

export class MeshRelay {
  readonly #provider: WebrtcProvider;
  readonly #awareness: Awareness;
  #room: Room | null = null;
  #original: Room['_docUpdateHandler'] | null = null;
  /** Peer id → the peers it says it is linked to. */
  #links = new Map<string, Set<string>>();
  #linksKey = '';
  #published = '';
  #ownLinks: string[] = [];
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  #repairTimer: ReturnType<typeof setInterval> | undefined;
  #destroyed = false;
  readonly stats: RelayStats = { relayed: 0, skipped: 0 };

  constructor(provider: WebrtcProvider, awareness: Awareness) {
    this.#provider = provider;
    this.#awareness = awareness;
    // y-webrtc opens its room once the key is derived; its own `then` runs first.
    void provider.key.then(() => {
      if (this.#destroyed || !provider.room) return;
      this.#install(provider.room);
    });
  }

  #install(room: Room): void {
    this.#room = room;
    this.#original = room._docUpdateHandler;
    // y-webrtc (dis)connects with whatever `_docUpdateHandler` holds at the time.
    room._docUpdateHandler = this.#onUpdate;
    if (room.provider.connected) {
      room.doc.off('update', this.#original);
      room.doc.on('update', this.#onUpdate);
    }
    this.#awareness.on('change', this.#onAwareness);
    this.#repairTimer = setInterval(() => this.#repair(), REPAIR_MS);
    this.#onAwareness();
    this.#publish();
  }

  /** The peers this one has an open data channel with (Room calls this when they change). */
  setLinks(peerIds: readonly string[]): void {
    this.#ownLinks = [...peerIds].sort().slice(0, MAX_LINKS);
    this.#publish();
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    const room = this.#room;
    if (!room) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    // Other tabs of this browser (y-webrtc's BroadcastChannel, encrypted): only when there are any.
    if (room.bcconnected && room.bcConns.size > 0) this.#broadcastToTabs(room, update, origin);
    const sender = origin === room ? this.#senderOf(room) : null;
    const senderLinks = sender === null ? undefined : this.#links.get(sender);
    room.webrtcConns.forEach((conn, id) => {
      if (!mustSend(id, sender, senderLinks)) {
        this.stats.skipped++;
        return;
      }
      if (sender !== null) this.stats.relayed++;
      try {
        (conn.peer as { send(m: Uint8Array): void }).send(message);
      } catch {
        // A closing channel; y-webrtc cleans it up.
      }
    });
  };

  // y-webrtc's own handler does the encryption and posting; it is run with no WebRTC peers in view.
  #broadcastToTabs(room: Room, update: Uint8Array, origin: unknown): void {
    const conns = room.webrtcConns;
    room.webrtcConns = new Map();
    try {
      this.#original?.(update, origin);
    } finally {
      room.webrtcConns = conns;
    }
  }

  /** The y-webrtc peer id of the peer whose message is being applied, if it is one of ours. */
  #senderOf(room: Room): string | null {
    const peer = deliveringPeer();
    if (!peer) return null;
    for (const [id, conn] of room.webrtcConns) if ((conn as Conn).peer === peer) return id;
    return null;
  }

  #onAwareness = (): void => {
    const links = new Map<string, Set<string>>();
    this.#awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.#awareness.clientID) return;
      const relay = readRelayState(state);
      if (relay) links.set(relay.peer, new Set(relay.links));
    });
    const key = [...links].map(([p, l]) => `${p}:${[...l].sort().join(',')}`).sort().join(';');
    this.#links = links;
    if (key !== this.#linksKey) {
      this.#linksKey = key;
      this.#scheduleRepair();
    }
  };

  // Only open channels are published: a link still connecting may never open.
  #publish(): void {
    const room = this.#room;
    if (!room || this.#destroyed) return;
    const key = `${room.peerId}|${this.#ownLinks.join(',')}`;
    if (key === this.#published) return;
    this.#published = key;
    const state: RelayState = { peer: room.peerId, links: this.#ownLinks };
    if (this.#awareness.getLocalState() !== null) this.#awareness.setLocalStateField('relay', state);
    this.#scheduleRepair();
  }

  #scheduleRepair(): void {
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => this.#repair(), SETTLE_MS);
  }

  /** Asks every neighbour for whatever this doc lacks; they answer with y-sync step 2. */
  #repair(): void {
    const room = this.#room;
    if (!room || this.#destroyed || room.webrtcConns.size === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc as Y.Doc);
    const message = encoding.toUint8Array(encoder);
    room.webrtcConns.forEach((conn) => {
      // A neighbour still in its first sync is already sending everything; asking again would
      // have it send a big review twice.
      if (!(conn as Conn).connected || !(conn as Conn).synced) return;
      try {
        (conn.peer as { send(m: Uint8Array): void }).send(message);
      } catch {
        // as above
      }
    });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearTimeout(this.#settleTimer);
    clearInterval(this.#repairTimer);
    this.#awareness.off('change', this.#onAwareness);
    const room = this.#room;
    if (room && this.#original) {
      if (room.provider.connected) {
        room.doc.off('update', this.#onUpdate);
        room.doc.on('update', this.#original);
      }
      room._docUpdateHandler = this.#original;
    }
    this.#room = null;
  }
}
