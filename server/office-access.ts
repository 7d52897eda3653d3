// Who may use the office peer, and what one connection may make it hold. The access check: the token
// a client sends is the office key (compared in constant time) and the document it names is a
// Proofroom room. The socket guard sits in front of Hocuspocus's own message handler: it counts what a
// connection sends before its documents are authenticated (Hocuspocus queues that without a bound),
// caps the documents one connection may open, closes a connection whose frames do not decode, and stops
// reading a connection that sends faster than its budget (backpressure: it slows down, loses nothing).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';

/** An office key: 16–128 base64url characters. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
/** A document the office serves: a Proofroom room, `proofroom:<roomId>` (roomName() in share-link.ts). */
export const ROOM_PATTERN = /^proofroom:[A-Za-z0-9_-]{16,128}$/;
export const KEY_FILE = 'office-key';

/** True when `token` is `key`; the time taken does not depend on where they differ. */
export function keyMatches(token: unknown, key: string): boolean {
  if (typeof token !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(key);
  // Equal lengths for timingSafeEqual; the length check itself reveals only the key's length.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

export const newKey = (): string => randomBytes(32).toString('base64url');

/**
 * The key to use: `given` (from --key or OFFICE_KEY) if set, else the one kept in `<dataDir>/office-key`,
 * else a new one written there (mode 600). Throws if a given or kept key is not 16–128 base64url characters.
 */
export function loadKey(dataDir: string, given?: string): { key: string; generated: boolean; file: string | null } {
  if (given !== undefined && given !== '') {
    if (!KEY_PATTERN.test(given)) throw new Error('the office key must be 16 to 128 characters of A-Z a-z 0-9 _ -');
    return { key: given, generated: false, file: null };
  }
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (!KEY_PATTERN.test(kept)) throw new Error(`${file} does not hold a valid office key`);
    return { key: kept, generated: false, file };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = newKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, generated: true, file };
}

export interface GuardLimits {
  /** Documents one connection may name (each is a room it may join). */
  maxDocuments: number;
  /** Messages and bytes one connection may send for a document before it is authenticated for it. */
  maxPendingMessages: number;
  maxPendingBytes: number;
  /**
   * What one connection may send, sustained and in a burst: frames and bytes a second. A connection over
   * it is not read (TCP pushes back on the sender) until it is within it again; nothing is dropped.
   */
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/** One connection's bookkeeping, shared with the hooks through Hocuspocus's per-connection context. */
export interface SocketGuard {
  /** Documents this connection is authenticated for and connected to. */
  ready: Set<string>;
  pending: Map<string, { messages: number; bytes: number }>;
}

export const CLOSE_POLICY = 1008;

/** The document name a Hocuspocus frame starts with, or null if it does not decode. */
function documentOf(data: unknown): string | null {
  if (!(data instanceof Uint8Array)) return null;
  try {
    return decoding.readVarString(decoding.createDecoder(data));
  } catch {
    return null;
  }
}

/**
 * Puts the guard in front of every 'message' listener of `ws` (Hocuspocus's included, which is added
 * later), so a frame over the limits closes the connection without reaching Hocuspocus.
 */
export function guardSocket(
  ws: WebSocket,
  limits: GuardLimits,
  refuse: (reason: string) => void,
  paused: () => void = () => {},
): SocketGuard {
  const guard: SocketGuard = { ready: new Set(), pending: new Map() };
  let messages = limits.messageBurst;
  let bytes = limits.byteBurst;
  let last = performance.now();
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;
  const charged = new WeakSet<Uint8Array>();
  ws.once('close', () => resumeTimer && clearTimeout(resumeTimer));
  /** Spends one frame of `size` from the connection's budget; over it, stops reading until refilled. */
  const charge = (size: number): void => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    messages = Math.min(limits.messageBurst, messages + seconds * limits.messagesPerSecond) - 1;
    bytes = Math.min(limits.byteBurst, bytes + seconds * limits.bytesPerSecond) - size;
    if ((messages >= 0 && bytes >= 0) || resumeTimer) return;
    const wait = Math.max(-messages / limits.messagesPerSecond, -bytes / limits.bytesPerSecond);
    ws.pause();
    paused();
    resumeTimer = setTimeout(() => {
      resumeTimer = null;
      if (ws.readyState === ws.OPEN) ws.resume();
    }, Math.ceil(wait * 1000));
  };
  const emit = ws.emit.bind(ws);
  const close = (reason: string): false => {
    refuse(reason);
    // A paused socket would never read the peer's answer to our close frame.
    if (resumeTimer) clearTimeout(resumeTimer);
    resumeTimer = null;
    if (ws.isPaused) ws.resume();
    if (ws.readyState === ws.OPEN) ws.close(CLOSE_POLICY, reason);
    else ws.terminate();
    return false;
  };
  ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    if (ws.readyState !== ws.OPEN) return false;
    const data = args[0];
    // Hocuspocus re-emits the frames it queued before authentication: those were charged already.
    if (data instanceof Uint8Array && !charged.has(data)) {
      charged.add(data);
      charge(data.byteLength);
    }
    const name = documentOf(data);
    if (name === null) return close('malformed message');
    if (guard.ready.has(name)) return emit(event, ...args);
    let pending = guard.pending.get(name);
    if (!pending) {
      if (guard.pending.size + guard.ready.size >= limits.maxDocuments) return close('too many documents');
      pending = { messages: 0, bytes: 0 };
      guard.pending.set(name, pending);
    }
    pending.messages += 1;
    pending.bytes += (data as Uint8Array).byteLength;
    if (pending.messages > limits.maxPendingMessages || pending.bytes > limits.maxPendingBytes) {
      return close('too much before authentication');
    }
    return emit(event, ...args);
  }) as typeof ws.emit;
  return guard;
}

/** The document is connected: its frames now go straight to Hocuspocus. */
export function markReady(guard: SocketGuard | undefined, name: string): void {
  if (!guard) return;
  guard.pending.delete(name);
  guard.ready.add(name);
}

/** The document's connection closed: frames naming it are counted again until it is authenticated anew. */
export function markGone(guard: SocketGuard | undefined, name: string): void {
  guard?.ready.delete(name);
}
