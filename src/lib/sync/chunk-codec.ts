// Framing for WebRTC data-channel messages: a message too big for one channel message is split
// into frames and put back together on the other side, with limits on what a peer can make us hold.
// Pure: no DOM, no WebRTC; chunked-peer.ts applies it to a SimplePeer.

/** First byte of every frame. y-webrtc messages start with a small varuint (0..4), never this. */
export const FRAME_MAGIC = 0xc7;
/** magic u8 · message id u32 · frame index u32 · frame count u32 · message length u32 (big-endian). */
export const HEADER_BYTES = 17;
export const DEFAULT_FRAME_PAYLOAD = 16 * 1024;

/** Whether a message must travel as frames; small ones go as they are, so plain y-webrtc peers still read them. */
export function needsFraming(message: Uint8Array, framePayload = DEFAULT_FRAME_PAYLOAD): boolean {
  return message.length === 0 || message.length > framePayload || message[0] === FRAME_MAGIC;
}

export function frameCount(length: number, framePayload = DEFAULT_FRAME_PAYLOAD): number {
  return Math.max(1, Math.ceil(length / framePayload));
}

/** Builds frame `index` of `message` (lazily, so a queued message is framed only as it is sent). */
export function encodeFrame(
  message: Uint8Array,
  id: number,
  index: number,
  framePayload = DEFAULT_FRAME_PAYLOAD,
): Uint8Array {
  const count = frameCount(message.length, framePayload);
  const start = index * framePayload;
  const payload = message.subarray(start, Math.min(message.length, start + framePayload));
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  frame[0] = FRAME_MAGIC;
  view.setUint32(1, id >>> 0);
  view.setUint32(5, index);
  view.setUint32(9, count);
  view.setUint32(13, message.length);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

export function encodeFrames(message: Uint8Array, id: number, framePayload = DEFAULT_FRAME_PAYLOAD): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < frameCount(message.length, framePayload); i++) {
    frames.push(encodeFrame(message, id, i, framePayload));
  }
  return frames;
}

export function isFrame(data: Uint8Array): boolean {
  return data.length >= HEADER_BYTES && data[0] === FRAME_MAGIC;
}

export interface ReassemblerOptions {
  /** Largest whole message accepted (default 256 MiB). */
  maxMessageBytes?: number;
  /** Largest payload in one frame (default 256 KiB, Chromium's own per-message cap). */
  maxFramePayload?: number;
  /** Messages being put together at once (default 8). */
  maxPartials?: number;
  /** A partial message with no new frame for this long is dropped (default 60 s). */
  staleMs?: number;
}

export type FrameResult =
  | { kind: 'message'; message: Uint8Array }
  | { kind: 'pending' }
  | { kind: 'rejected'; reason: string };

interface Partial {
  count: number;
  total: number;
  bytes: number;
  parts: Map<number, Uint8Array>;
  touched: number;
}

const PENDING: FrameResult = { kind: 'pending' };
const reject = (reason: string): FrameResult => ({ kind: 'rejected', reason });

export class Reassembler {
  readonly #maxMessageBytes: number;
  readonly #maxFramePayload: number;
  readonly #maxPartials: number;
  readonly #staleMs: number;
  readonly #partials = new Map<number, Partial>();

  constructor(options: ReassemblerOptions = {}) {
    this.#maxMessageBytes = options.maxMessageBytes ?? 256 * 1024 * 1024;
    this.#maxFramePayload = options.maxFramePayload ?? 256 * 1024;
    this.#maxPartials = options.maxPartials ?? 8;
    this.#staleMs = options.staleMs ?? 60_000;
  }

  get partials(): number {
    return this.#partials.size;
  }

  /** Takes one frame; never throws. A rejected frame also discards the message it claimed to belong to. */
  push(frame: Uint8Array, now = Date.now()): FrameResult {
    this.sweep(now);
    if (!isFrame(frame)) return reject('not a frame');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    const total = view.getUint32(13);
    const payload = frame.subarray(HEADER_BYTES);

    const fail = (reason: string): FrameResult => {
      this.#partials.delete(id);
      return reject(reason);
    };
    if (total > this.#maxMessageBytes) return fail('message too large');
    if (payload.length > this.#maxFramePayload) return fail('frame too large');
    if (count === 0 || index >= count) return fail('bad frame index');
    if (count > 1 && count > total) return fail('bad frame count');

    if (count === 1) {
      if (payload.length !== total) return fail('length mismatch');
      this.#partials.delete(id);
      return { kind: 'message', message: payload.slice() };
    }

    let partial = this.#partials.get(id);
    if (!partial) {
      if (this.#partials.size >= this.#maxPartials) return reject('too many partial messages');
      partial = { count, total, bytes: 0, parts: new Map(), touched: now };
      this.#partials.set(id, partial);
    }
    if (partial.count !== count || partial.total !== total) return fail('inconsistent header');
    if (partial.parts.has(index)) return fail('duplicate frame');
    if (partial.bytes + payload.length > total) return fail('length mismatch');
    partial.parts.set(index, payload.slice());
    partial.bytes += payload.length;
    partial.touched = now;
    if (partial.parts.size < count) return PENDING;

    this.#partials.delete(id);
    if (partial.bytes !== total) return reject('length mismatch');
    const message = new Uint8Array(total);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const part = partial.parts.get(i);
      if (!part) return reject('missing frame');
      message.set(part, offset);
      offset += part.length;
    }
    return { kind: 'message', message };
  }

  /** Drops partial messages that stopped receiving frames; returns how many were dropped. */
  sweep(now = Date.now()): number {
    let dropped = 0;
    for (const [id, partial] of this.#partials) {
      if (now - partial.touched > this.#staleMs) {
        this.#partials.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.#partials.clear();
  }
}
