// A SimplePeer that carries messages of any size. y-webrtc imports 'simple-peer/simplepeer.min.js';
// vite.config.ts aliases that import to this module, so every WebrtcConn gets a ChunkedPeer.
// send() frames big messages (chunk-codec.ts) and paces them by the channel's bufferedAmount;
// 'data' fires only with whole messages. See docs/CHUNKING.md.
//
/// <reference path="./simple-peer.d.ts" />
// The extensionless specifier below is deliberate: it reaches the real bundle without matching the alias.
import SimplePeer, { type SimplePeerData, type SimplePeerOptions } from 'simple-peer/simplepeer.min';
import {
  DEFAULT_FRAME_PAYLOAD,
  Reassembler,
  encodeFrame,
  frameCount,
  isFrame,
  needsFraming,
  type ReassemblerOptions,
} from './chunk-codec.ts';
import { deliverFrom } from './delivery.ts';

export interface ChunkingOptions extends ReassemblerOptions {
  /** Payload bytes per frame (default 16 KiB, safe across browsers). */
  framePayload?: number;
  /** Stop handing frames to the channel while this much is already buffered (default 256 KiB). */
  highWaterMark?: number;
  /**
   * A connection whose data channel has not opened after this long (plus up to half again, at
   * random) is given up (default 10 s): a lost offer or answer otherwise leaves it waiting forever,
   * and y-webrtc ignores a peer's announce while it holds one. Closing makes y-webrtc announce anew.
   */
  connectTimeoutMs?: number;
}

export interface ChunkedPeerOptions extends SimplePeerOptions {
  /** Passed through y-webrtc's `peerOpts`; simple-peer ignores it. */
  chunking?: ChunkingOptions;
}

type Outgoing =
  | { raw: SimplePeerData }
  | { message: Uint8Array; id: number; next: number; count: number };

const POLL_MS = 50;

export default class ChunkedPeer extends SimplePeer {
  readonly #framePayload: number;
  readonly #highWaterMark: number;
  readonly #reassembler: Reassembler;
  #queue: Outgoing[] = [];
  #nextId = 0;
  #waitingOn: RTCDataChannel | null = null;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ChunkedPeerOptions = {}) {
    const { chunking = {}, ...peerOptions } = options;
    super(peerOptions);
    this.#framePayload = chunking.framePayload ?? DEFAULT_FRAME_PAYLOAD;
    this.#highWaterMark = chunking.highWaterMark ?? 256 * 1024;
    this.#reassembler = new Reassembler({ maxFramePayload: Math.max(this.#framePayload, 256 * 1024), ...chunking });
    // Jitter keeps two stuck ends from giving up, and announcing, at the same moment.
    const timeout = (chunking.connectTimeoutMs ?? 10_000) * (1 + Math.random() / 2);
    this.#connectTimer = setTimeout(() => {
      if (this.destroying || this.destroyed) return;
      this.destroy(Object.assign(new Error('the connection did not open in time'), { code: 'ERR_CONNECT_TIMEOUT' }));
    }, timeout);
    this.once('connect', () => clearTimeout(this.#connectTimer));
    this.once('close', () => {
      clearTimeout(this.#connectTimer);
      this.#dropAll();
    });
  }

  /** Messages queued behind the channel's buffer (for tests and diagnostics). */
  get queuedMessages(): number {
    return this.#queue.length;
  }

  override send(chunk: SimplePeerData): void {
    const bytes = toBytes(chunk);
    const framed = bytes !== null && needsFraming(bytes, this.#framePayload);
    if (!framed && this.#queue.length === 0 && this.#canSend()) {
      super.send(chunk);
      return;
    }
    if (this.destroying || this.destroyed) return;
    if (framed && bytes) {
      const id = this.#nextId;
      this.#nextId = (this.#nextId + 1) >>> 0;
      this.#queue.push({ message: bytes, id, next: 0, count: frameCount(bytes.length, this.#framePayload) });
    } else {
      this.#queue.push({ raw: chunk });
    }
    this.#flush();
  }

  override _onChannelMessage(event: { data: unknown }): void {
    if (this.destroyed) return;
    const { data } = event;
    if (!(data instanceof ArrayBuffer) || !isFrame(new Uint8Array(data))) {
      this.#deliver(event);
      return;
    }
    const result = this.#reassembler.push(new Uint8Array(data));
    if (result.kind === 'message') {
      this.#deliver({ data: result.message.buffer });
    } else if (result.kind === 'rejected') {
      this.emit('frame-rejected', result.reason);
    }
  }

  // y-webrtc handles the message synchronously in 'data'; listeners can ask who delivered it.
  #deliver(event: { data: unknown }): void {
    deliverFrom(this, () => super._onChannelMessage(event));
  }

  #canSend(): boolean {
    const channel = this._channel;
    return !!channel && channel.readyState === 'open' && channel.bufferedAmount <= this.#highWaterMark;
  }

  #flush(): void {
    this.#stopWaiting();
    while (this.#queue.length > 0) {
      if (this.destroying || this.destroyed) return this.#dropAll();
      const channel = this._channel;
      if (channel && (channel.readyState === 'closing' || channel.readyState === 'closed')) return this.#dropAll();
      if (!this.#canSend()) return this.#waitFor(channel);
      const item = this.#queue[0]!;
      let data: SimplePeerData;
      if ('raw' in item) {
        data = item.raw;
        this.#queue.shift();
      } else {
        data = encodeFrame(item.message, item.id, item.next, this.#framePayload);
        item.next++;
        if (item.next >= item.count) this.#queue.shift();
      }
      try {
        super.send(data);
      } catch (error) {
        // A lost frame would corrupt the message it belongs to: end the connection, y-webrtc reconnects.
        this.#dropAll();
        this.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  }

  // 'bufferedamountlow' is the fast path; the poll covers a channel still opening or a missed event.
  #waitFor(channel: RTCDataChannel | null): void {
    if (channel) {
      this.#waitingOn = channel;
      channel.addEventListener('bufferedamountlow', this.#resume);
    }
    this.#pollTimer = setTimeout(this.#resume, POLL_MS);
  }

  #resume = (): void => this.#flush();

  #stopWaiting(): void {
    this.#waitingOn?.removeEventListener('bufferedamountlow', this.#resume);
    this.#waitingOn = null;
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  #dropAll(): void {
    this.#stopWaiting();
    this.#queue = [];
    this.#reassembler.clear();
  }
}

function toBytes(chunk: SimplePeerData): Uint8Array | null {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
}
