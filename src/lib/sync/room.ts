// One WebRTC room for one Y.Doc: wraps y-webrtc's WebrtcProvider and reports an honest status
// (offline / looking for peers / connected to N peers). Messages of any size cross the data channel
// because vite.config.ts swaps y-webrtc's SimplePeer for ChunkedPeer (docs/CHUNKING.md).
import { ObservableV2 } from 'lib0/observable';
import { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ChunkingOptions } from './chunked-peer.ts';
import { MeshRelay } from './mesh-relay.ts';
import type { OfficeOptions, OfficeStatus, RelayState } from './office-status.ts';
import { RelayWatch, type SignalingClient } from './relay-watch.ts';

export type RoomState = 'offline' | 'connecting' | 'connected';

export interface RoomStatus {
  /** offline: no signaling server reachable and no peer; connecting: looking for peers; connected: peers > 0. */
  state: RoomState;
  /** Peers with an open data channel plus same-browser tabs on the BroadcastChannel (plus the office peer once connected). */
  peers: number;
  /** Whether a signaling relay answers (undefined: not known to this provider). */
  relay?: RelayState;
  /** The signaling URLs this room tries. */
  relayUrls?: string[];
  /** The office peer, when the room names one. */
  office?: OfficeStatus | null;
}

export interface RoomPeers {
  webrtc: string[];
  broadcast: string[];
}

export interface RoomOptions {
  roomName: string;
  /** y-webrtc's password: encrypts signaling and BroadcastChannel payloads. Null leaves them in clear. */
  password: string | null;
  /** Signaling relay URLs, e.g. ['ws://127.0.0.1:5173/signal']. */
  signaling: string[];
  /** ICE servers for RTCPeerConnection; [] is enough on one LAN. */
  iceServers: RTCIceServer[];
  awareness?: Awareness;
  chunking?: ChunkingOptions;
  /** An always-on office peer (Hocuspocus) to sync with beside WebRTC; see office-peer.ts. */
  office?: OfficeOptions | null;
}

export type RoomEvents = {
  status: (status: RoomStatus) => void;
  peers: (peers: RoomPeers) => void;
};

// The parts of y-webrtc's internals we read; its published types leave them `any`.
interface WebrtcConnLike {
  connected: boolean;
  peer: { on(event: 'connect', listener: () => void): void; off(event: 'connect', listener: () => void): void };
}

export class Room extends ObservableV2<RoomEvents> {
  readonly doc: Y.Doc;
  readonly provider: WebrtcProvider;
  /** Resolves the first time the doc has synced with every WebRTC peer it is connected to. */
  readonly whenSynced: Promise<void>;
  #status: RoomStatus = { state: 'offline', peers: 0 };
  #peerKey = '';
  #synced = false;
  #destroyed = false;
  /** Whether a signaling relay answers (relay-watch.ts). */
  readonly #relays: RelayWatch;
  readonly #watchedPeers = new Set<WebrtcConnLike['peer']>();
  /** Passes peers' updates on only to neighbours that lack them (mesh-relay.ts). */
  readonly relay: MeshRelay;

  constructor(doc: Y.Doc, options: RoomOptions) {
    super();
    this.doc = doc;
    this.provider = new WebrtcProvider(options.roomName, doc, {
      signaling: options.signaling,
      ...(options.password ? { password: options.password } : {}),
      ...(options.awareness ? { awareness: options.awareness } : {}),
      peerOpts: { config: { iceServers: options.iceServers }, chunking: options.chunking ?? {} },
    });
    this.relay = new MeshRelay(this.provider, this.provider.awareness);
    this.whenSynced = new Promise((resolve) => {
      const onSynced = ({ synced }: { synced: boolean }): void => {
        if (!synced) return;
        this.#synced = true;
        this.provider.off('synced', onSynced);
        resolve();
      };
      this.provider.on('synced', onSynced);
    });
    this.provider.on('peers', this.#update);
    this.provider.on('status', this.#update);
    this.#relays = new RelayWatch(this.provider.signalingConns as SignalingClient[], this.#update);
    this.destroy = this.destroy.bind(this);
    doc.on('destroy', this.destroy);
    this.#update();
  }

  get status(): RoomStatus {
    return this.#status;
  }

  get synced(): boolean {
    return this.#synced;
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  get peers(): RoomPeers {
    const room = this.provider.room;
    if (!room) return { webrtc: [], broadcast: [] };
    const webrtc: string[] = [];
    for (const [id, conn] of room.webrtcConns as Map<string, WebrtcConnLike>) {
      if (conn.connected) webrtc.push(id);
    }
    return { webrtc, broadcast: [...room.bcConns] };
  }

  #update = (): void => {
    if (this.#destroyed) return;
    this.#watchNewPeers();
    const peers = this.peers;
    const count = peers.webrtc.length + peers.broadcast.length;
    const relay = this.#relays.state;
    const state: RoomState = count > 0 ? 'connected' : relay === 'up' && this.provider.connected ? 'connecting' : 'offline';
    const peerKey = `${peers.webrtc.join(',')}|${peers.broadcast.join(',')}`;
    if (peerKey !== this.#peerKey) {
      this.#peerKey = peerKey;
      this.relay.setLinks(peers.webrtc);
      this.emit('peers', [peers]);
    }
    if (state !== this.#status.state || count !== this.#status.peers || relay !== this.#status.relay) {
      this.#status = { state, peers: count, relay, relayUrls: this.#relays.urls };
      this.emit('status', [this.#status]);
    }
  };

  // y-webrtc announces a peer before its data channel opens; count it once 'connect' fires.
  #watchNewPeers(): void {
    const room = this.provider.room;
    if (!room) return;
    const conns = [...(room.webrtcConns as Map<string, WebrtcConnLike>).values()];
    const current = new Set(conns.map((conn) => conn.peer));
    for (const peer of this.#watchedPeers) {
      if (current.has(peer)) continue;
      peer.off('connect', this.#update);
      this.#watchedPeers.delete(peer);
    }
    for (const conn of conns) {
      if (this.#watchedPeers.has(conn.peer)) continue;
      this.#watchedPeers.add(conn.peer);
      conn.peer.on('connect', this.#update);
    }
  }

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.doc.off('destroy', this.destroy);
    this.provider.off('peers', this.#update);
    this.provider.off('status', this.#update);
    this.#relays.destroy();
    for (const peer of this.#watchedPeers) peer.off('connect', this.#update);
    this.#watchedPeers.clear();
    this.relay.destroy();
    // WebrtcProvider.destroy() leaves its signaling sockets open; disconnect() closes them.
    this.provider.disconnect();
    this.provider.destroy();
    this.#status = { state: 'offline', peers: 0 };
    this.emit('status', [this.#status]);
    super.destroy();
  }
}
