// An outsider on the signaling relay for collab-garbage.spec.ts: a plain `ws` client that subscribes
// to a room's topic and publishes whatever it is given, paced under the relay's rate limit; plus
// y-webrtc's payload format (lib0 framing of 'AES-GCM', iv, ciphertext; docs/PROTOCOL.md §2), so
// it can also make ciphertexts with a wrong key or, holding the secret, well-encrypted junk.
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

const subtle = globalThis.crypto.subtle;

/** The AES-GCM key y-webrtc derives from a room's password (PBKDF2-SHA-256, salt = room name). */
export async function roomKey(secret: string, roomName: string): Promise<CryptoKey> {
  const utf8 = new TextEncoder();
  const material = await subtle.importKey('raw', utf8.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'PBKDF2', salt: utf8.encode(roomName), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export const randomBytes = (length: number): Uint8Array => {
  const bytes = new Uint8Array(length);
  // getRandomValues takes at most 64 KiB at a time.
  for (let at = 0; at < length; at += 65_536) globalThis.crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
};

/** y-webrtc's frame around a ciphertext: varString algorithm, varUint8Array iv, varUint8Array cipher. */
export function frame(algorithm: string, iv: Uint8Array, cipher: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, algorithm);
  encoding.writeVarUint8Array(encoder, iv);
  encoding.writeVarUint8Array(encoder, cipher);
  return encoding.toUint8Array(encoder);
}

/** `bytes` encrypted with `key` and framed as y-webrtc frames it. */
export async function seal(bytes: Uint8Array, key: CryptoKey, algorithm = 'AES-GCM'): Promise<Uint8Array> {
  const iv = randomBytes(12);
  const cipher = await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(iv) }, key, new Uint8Array(bytes));
  return frame(algorithm, iv, new Uint8Array(cipher));
}

/** A value as y-webrtc encodes a signaling message (lib0 writeAny), encrypted with `key`. */
export function sealAny(value: unknown, key: CryptoKey): Promise<Uint8Array> {
  const encoder = encoding.createEncoder();
  encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1]);
  return seal(encoding.toUint8Array(encoder), key);
}

export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** One connection to the relay, as any outsider could open it. */
export class RelayClient {
  readonly socket: WebSocket;
  /** The close code, once the relay (or anyone) closed the connection. */
  closedWith: number | null = null;
  sent = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('close', (code) => (this.closedWith = code));
  }

  static open(url: string): Promise<RelayClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new RelayClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Record<string, unknown>): void {
    if (this.socket.readyState !== WebSocket.OPEN) throw new Error(`relay connection closed (${this.closedWith})`);
    this.socket.send(JSON.stringify(message));
    this.sent++;
  }

  /**
   * Sends every message at most `perSecond` a second, on a fixed schedule (the relay allows 50/s
   * with bursts of 100 per connection; a per-address budget may come, so stay well under it).
   */
  async pace(messages: Record<string, unknown>[], perSecond: number): Promise<void> {
    const start = performance.now();
    for (const [i, message] of messages.entries()) {
      const due = start + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.send(message);
    }
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
