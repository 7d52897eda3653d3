// Who may connect to the relay, and how much one address may cost it: caps on connections per remote
// address and in all, checked before the WebSocket handshake; and the per-address budgets that every
// connection from one address shares. An address over budget is not dropped but slowed: the relay
// stops reading its sockets until the budget has refilled, so TCP backpressure holds its traffic
// back at its own end, and its excess costs the relay nothing, not even reading it.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { LogLimiter } from './log-limiter.ts';
import { TokenBucket, addressKey, peerLabel } from './relay-limits.ts';

/** What the relay can stop and restart reading from (a `ws` WebSocket). */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/** One remote address (see addressKey): its connections and the budgets they share. */
export interface Peer {
  key: string;
  /** Sockets counted against the caps: open connections and those in their handshake. */
  sockets: number;
  /** Open connections, paused together while the address is over budget. */
  members: Set<Pausable>;
  /** Messages received from the address. */
  messages: TokenBucket;
  /** Bytes received from the address plus bytes delivered for it (size × receivers). */
  bytes: TokenBucket;
  /** Set while the address is paused: when it fires, its connections are read again. */
  resumeTimer: ReturnType<typeof setTimeout> | null;
}

export interface AdmissionLimits {
  maxConnections: number;
  maxPerAddress: number;
  addressRate: number;
  addressBurst: number;
  addressBytes: number;
  addressByteBurst: number;
}

export interface Admission {
  /**
   * The Peer an upgrade is admitted under, counted against the caps until its socket closes; or
   * null, having answered 429 (this address is at its cap) or 503 (the relay is full or closing) and
   * dropped the socket.
   */
  admit(request: IncomingMessage, socket: Duplex): Peer | null;
  /**
   * Charges an address for what it has made the relay do. If that puts it in debt, all its
   * connections stop being read until the debt is paid off at the budget's rate.
   */
  charge(peer: Peer, messages: number, bytes: number): void;
  /** Adds an open connection to its address, paused at once if the address is. */
  join(peer: Peer, member: Pausable): void;
  leave(peer: Peer, member: Pausable): void;
  /** Sockets counted now: open connections and those still in their handshake. */
  readonly sockets: number;
  /** Refuses every later upgrade, stops the sweep and cancels pending resumes. */
  close(): void;
}

/** Answers an upgrade with an HTTP error instead of a WebSocket, and drops the socket. */
function refuse(socket: Duplex, status: number, why: string): void {
  const body = `${why}\n`;
  // Gone once the answer is handed to the kernel, or after a second whatever the peer does.
  const timer = setTimeout(() => socket.destroy(), 1000);
  socket.once('close', () => clearTimeout(timer));
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nRetry-After: 10\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createAdmission(limits: AdmissionLimits, logs: LogLimiter): Admission {
  const peers = new Map<string, Peer>();
  let sockets = 0;
  let closed = false;

  // An address's budgets outlive its connections until they have refilled, so reconnecting does not
  // reset them; then it is forgotten.
  const sweepTimer = setInterval(() => {
    const now = performance.now();
    for (const [key, peer] of peers) {
      if (peer.sockets === 0 && !peer.resumeTimer && peer.messages.full(now) && peer.bytes.full(now)) peers.delete(key);
    }
  }, 10_000);
  sweepTimer.unref();

  function peerFor(key: string): Peer {
    let peer = peers.get(key);
    if (!peer) {
      const now = performance.now();
      peer = {
        key,
        sockets: 0,
        members: new Set(),
        resumeTimer: null,
        messages: new TokenBucket(limits.addressRate, limits.addressBurst, now),
        bytes: new TokenBucket(limits.addressBytes, limits.addressByteBurst, now),
      };
      peers.set(key, peer);
    }
    return peer;
  }

  function admit(request: IncomingMessage, socket: Duplex): Peer | null {
    if (closed) {
      refuse(socket, 503, 'The relay is shutting down.');
      return null;
    }
    if (socket.destroyed) return null;
    const { remoteAddress, remotePort } = request.socket;
    const peer = peerFor(addressKey(remoteAddress));
    if (sockets >= limits.maxConnections) {
      logs.line('refused', `relay: refused ${peerLabel(remoteAddress, remotePort)}: ${limits.maxConnections} connections open in all`);
      refuse(socket, 503, 'The relay has too many connections; try again later.');
      return null;
    }
    if (peer.sockets >= limits.maxPerAddress) {
      logs.line('refused', `relay: refused ${peerLabel(remoteAddress, remotePort)}: ${limits.maxPerAddress} connections open from ${peer.key}`);
      refuse(socket, 429, 'Too many connections from your address.');
      return null;
    }
    sockets++;
    peer.sockets++;
    socket.once('close', () => {
      sockets--;
      peer.sockets--;
    });
    return peer;
  }

  function charge(peer: Peer, messages: number, bytes: number): void {
    const now = performance.now();
    peer.messages.spend(messages, now);
    peer.bytes.spend(bytes, now);
    const wait = Math.max(peer.messages.msUntilPaidOff(now), peer.bytes.msUntilPaidOff(now));
    if (wait <= 0) return;
    if (peer.resumeTimer) clearTimeout(peer.resumeTimer);
    else for (const member of peer.members) member.pause();
    peer.resumeTimer = setTimeout(() => {
      peer.resumeTimer = null;
      for (const member of peer.members) member.resume();
    }, Math.ceil(wait));
  }

  return {
    admit,
    charge,
    join(peer, member) {
      peer.members.add(member);
      if (peer.resumeTimer) member.pause();
    },
    leave(peer, member) {
      peer.members.delete(member);
    },
    get sockets() {
      return sockets;
    },
    close() {
      closed = true;
      clearInterval(sweepTimer);
      for (const peer of peers.values()) {
        if (peer.resumeTimer) clearTimeout(peer.resumeTimer);
        peer.resumeTimer = null;
      }
    },
  };
}
