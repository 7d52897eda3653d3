// Framing and reassembly of data-channel messages (src/lib/sync/chunk-codec.ts).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FRAME_PAYLOAD,
  FRAME_MAGIC,
  HEADER_BYTES,
  Reassembler,
  encodeFrames,
  isFrame,
  needsFraming,
} from '../../src/lib/sync/chunk-codec.ts';

function bytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function roundTrip(message: Uint8Array, reassembler = new Reassembler()): Uint8Array | null {
  let result: Uint8Array | null = null;
  const frames = encodeFrames(message, 7);
  frames.forEach((frame, i) => {
    const r = reassembler.push(frame, 0);
    if (i < frames.length - 1) expect(r.kind).toBe('pending');
    else if (r.kind === 'message') result = r.message;
  });
  return result;
}

describe('chunk codec', () => {
  it.each([
    ['0 B', 0],
    ['1 B', 1],
    ['exactly one frame', DEFAULT_FRAME_PAYLOAD],
    ['one frame and one byte', DEFAULT_FRAME_PAYLOAD + 1],
    ['3 MiB', 3 * 1024 * 1024],
  ])('round-trips %s', (_name, length) => {
    const message = bytes(length, length + 3);
    const frames = encodeFrames(message, 7);
    expect(frames.length).toBe(Math.max(1, Math.ceil(length / DEFAULT_FRAME_PAYLOAD)));
    for (const frame of frames) {
      expect(isFrame(frame)).toBe(true);
      expect(frame.length).toBeLessThanOrEqual(HEADER_BYTES + DEFAULT_FRAME_PAYLOAD);
    }
    const out = roundTrip(message);
    expect(out).not.toBeNull();
    expect(Buffer.from(out!).equals(Buffer.from(message))).toBe(true);
  });

  it('frames only what a single channel message cannot carry as is', () => {
    expect(needsFraming(new Uint8Array([0, 1, 2]))).toBe(false);
    expect(needsFraming(new Uint8Array(DEFAULT_FRAME_PAYLOAD))).toBe(false);
    expect(needsFraming(new Uint8Array(DEFAULT_FRAME_PAYLOAD + 1))).toBe(true);
    expect(needsFraming(new Uint8Array(0))).toBe(true);
    expect(needsFraming(new Uint8Array([FRAME_MAGIC, 0]))).toBe(true);
    // A y-webrtc sync message (type 0) is never mistaken for a frame.
    expect(isFrame(new Uint8Array(HEADER_BYTES + 4))).toBe(false);
  });

  it('reassembles interleaved messages, frames in any order within each', () => {
    const a = bytes(100_000, 11);
    const b = bytes(70_000, 22);
    const fa = encodeFrames(a, 1);
    const fb = encodeFrames(b, 2).reverse();
    const r = new Reassembler();
    const done: Uint8Array[] = [];
    for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
      for (const frame of [fa[i], fb[i]]) {
        if (!frame) continue;
        const result = r.push(frame, 0);
        if (result.kind === 'message') done.push(result.message);
        expect(result.kind).not.toBe('rejected');
      }
    }
    expect(done).toHaveLength(2);
    expect(Buffer.from(done.find((m) => m.length === a.length)!).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(done.find((m) => m.length === b.length)!).equals(Buffer.from(b))).toBe(true);
    expect(r.partials).toBe(0);
  });

  it('rejects short, corrupt and inconsistent frames without throwing', () => {
    const r = new Reassembler();
    const frames = encodeFrames(bytes(50_000), 3);
    expect(r.push(new Uint8Array([FRAME_MAGIC, 1, 2]), 0).kind).toBe('rejected');
    expect(r.push(new Uint8Array(0), 0).kind).toBe('rejected');

    const badIndex = frames[0]!.slice();
    new DataView(badIndex.buffer).setUint32(5, 99);
    expect(r.push(badIndex, 0)).toEqual({ kind: 'rejected', reason: 'bad frame index' });

    const zeroCount = frames[0]!.slice();
    new DataView(zeroCount.buffer).setUint32(9, 0);
    expect(r.push(zeroCount, 0).kind).toBe('rejected');

    expect(r.push(frames[0]!, 0).kind).toBe('pending');
    expect(r.push(frames[0]!, 0)).toEqual({ kind: 'rejected', reason: 'duplicate frame' });
    expect(r.partials).toBe(0);

    // A frame whose header lies about the total length: the message is discarded, not emitted wrong.
    const lying = frames.map((f) => f.slice());
    new DataView(lying[1]!.buffer).setUint32(13, 50_001);
    expect(r.push(lying[0]!, 0).kind).toBe('pending');
    expect(r.push(lying[1]!, 0)).toEqual({ kind: 'rejected', reason: 'inconsistent header' });

    // A single frame shorter than it claims.
    const truncated = encodeFrames(bytes(100), 4)[0]!.subarray(0, HEADER_BYTES + 50);
    expect(r.push(truncated, 0)).toEqual({ kind: 'rejected', reason: 'length mismatch' });
  });

  it('rejects messages over the size limit at their first frame', () => {
    const r = new Reassembler({ maxMessageBytes: 1024 * 1024 });
    const frames = encodeFrames(bytes(1024 * 1024 + 1), 5);
    expect(r.push(frames[0]!, 0)).toEqual({ kind: 'rejected', reason: 'message too large' });
    expect(r.partials).toBe(0);
    const forged = encodeFrames(bytes(10), 6)[0]!;
    new DataView(forged.buffer).setUint32(13, 0xffffffff);
    expect(r.push(forged, 0).kind).toBe('rejected');
  });

  it('caps the number of messages in progress', () => {
    const r = new Reassembler({ maxPartials: 2 });
    const message = bytes(40_000);
    expect(r.push(encodeFrames(message, 1)[0]!, 0).kind).toBe('pending');
    expect(r.push(encodeFrames(message, 2)[0]!, 0).kind).toBe('pending');
    expect(r.push(encodeFrames(message, 3)[0]!, 0)).toEqual({ kind: 'rejected', reason: 'too many partial messages' });
    // The two in progress still complete.
    for (const id of [1, 2]) {
      const rest = encodeFrames(message, id).slice(1);
      const results = rest.map((f) => r.push(f, 0));
      expect(results.at(-1)?.kind).toBe('message');
    }
  });

  it('drops stale partial messages', () => {
    const r = new Reassembler({ staleMs: 1000, maxPartials: 1 });
    const frames = encodeFrames(bytes(40_000), 9);
    expect(r.push(frames[0]!, 0).kind).toBe('pending');
    expect(r.sweep(500)).toBe(0);
    expect(r.partials).toBe(1);
    expect(r.sweep(1501)).toBe(1);
    expect(r.partials).toBe(0);
    // The rest of the dropped message can never complete; it goes stale in turn and frees the slot.
    expect(r.push(frames[1]!, 2000).kind).toBe('pending');
    expect(r.push(frames[2]!, 2000).kind).toBe('pending');
    const fresh = encodeFrames(bytes(20_000, 5), 10);
    expect(r.push(fresh[0]!, 5000).kind).toBe('pending');
    expect(r.push(fresh[1]!, 5000).kind).toBe('message');
  });
});
