// The office peer: an always-on Yjs peer for the rooms of one office, on Hocuspocus. Each room's review
// doc is kept in one SQLite file in the data dir; with a Redis URL, several instances share their rooms
// through Redis so a load balancer can spread clients over them. Only holders of the office key get in
// (server/office-access.ts), and a connection is bounded in what it can make the server hold: frame size,
// documents per connection, frames before authentication, time to authenticate, frames and bytes a
// second (over budget it is read more slowly), connections per address and in all. docs/SECURITY.md.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import { createLogLimiter } from './log-limiter.ts';
import { createOfficeStore, prepareOfficeDatabase } from './office-store.ts';
import {
  CLOSE_POLICY, KEY_PATTERN, ROOM_PATTERN, guardSocket, keyMatches, markGone, markReady, type GuardLimits, type SocketGuard,
} from './office-access.ts';

export interface OfficeOptions {
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Directory for the SQLite file (office.sqlite); or give dbPath. */
  dataDir?: string;
  dbPath?: string;
  key: string;
  /** redis://[:password@]host[:port][/db]: share rooms with other instances through this Redis. */
  redisUrl?: string;
  /** Shown in log lines (default "office"). */
  name?: string;
  log?: (line: string) => void;
  /** Largest WebSocket frame (default 64 MiB). */
  maxPayload?: number;
  /** Open connections in all, and from one address (defaults 5000 and 1000). */
  maxConnections?: number;
  maxPerAddress?: number;
  /** Documents per connection, and frames/bytes a connection may send one before it is authenticated. */
  maxDocumentsPerConnection?: number;
  maxPendingMessages?: number;
  maxPendingBytes?: number;
  /** A connection not authenticated for any room this long after it opened is closed (default 30 s). */
  authTimeoutMs?: number;
  /** What one connection may send, sustained and in a burst (defaults 1000/s and 10,000 frames; 64 MiB/s and 128 MiB). */
  messagesPerSecond?: number;
  messageBurst?: number;
  bytesPerSecond?: number;
  byteBurst?: number;
}

export interface Office {
  url: string;
  port: number;
  key: string;
  dbPath: string;
  /** Rooms loaded in memory, and open WebSocket connections. */
  readonly documents: number;
  readonly connections: number;
  /** Stores every loaded room, closes every connection and the database, stops listening. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
export const OFFICE_DEFAULTS = {
  // A sample issue with 5,000 notes is about 3 MiB as one update; the cap leaves room for far bigger reviews.
  maxPayload: 64 * MiB,
  maxConnections: 5000,
  // Generous: behind a reverse proxy every client comes from the proxy's address.
  maxPerAddress: 1000,
  maxDocumentsPerConnection: 16,
  maxPendingMessages: 1000,
  maxPendingBytes: 64 * MiB,
  // Without it, anyone (no key needed) could hold connections open doing nothing, up to the caps.
  authTimeoutMs: 30_000,
  // Far above what people write (a bulk import is one frame, live notes a few a second); the point is
  // that a client spraying presence or updates cannot make the office fan out without bound.
  messagesPerSecond: 1000,
  messageBurst: 10_000,
  bytesPerSecond: 64 * MiB,
  byteBurst: 128 * MiB,
};

/** Host, port, password and db of a redis:// (or rediss://) URL, as ioredis takes them. */
export function parseRedisUrl(url: string): { host: string; port: number; options: Record<string, unknown> } {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a redis:// URL: ${url}`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`bad Redis database number in ${url}`);
  const options: Record<string, unknown> = {};
  if (u.password) options.password = decodeURIComponent(u.password);
  if (u.username) options.username = decodeURIComponent(u.username);
  if (db !== '') options.db = Number(db);
  if (u.protocol === 'rediss:') options.tls = {};
  return { host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: u.port ? Number(u.port) : 6379, options };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function startOffice(options: OfficeOptions): Promise<Office> {
  const o = { ...OFFICE_DEFAULTS, ...options };
  if (!KEY_PATTERN.test(o.key)) throw new Error('the office key must be 16 to 128 characters of A-Z a-z 0-9 _ -');
  const dbPath = o.dbPath ?? join(o.dataDir ?? '.', 'office.sqlite');
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  const name = o.name ?? 'office';
  const write = o.log ?? (() => {});
  const logs = createLogLimiter(write, { label: name });
  const limits: GuardLimits = {
    maxDocuments: o.maxDocumentsPerConnection,
    maxPendingMessages: o.maxPendingMessages,
    maxPendingBytes: o.maxPendingBytes,
    messagesPerSecond: o.messagesPerSecond,
    messageBurst: o.messageBurst,
    bytesPerSecond: o.bytesPerSecond,
    byteBurst: Math.max(o.byteBurst, o.maxPayload),
  };

  await prepareOfficeDatabase(dbPath);
  const store = createOfficeStore(dbPath, (e) => logs.line('database', `${name}: database error: ${e.message}`));
  const extensions: Extension[] = [store.extension];
  let redis: Redis | null = null;
  if (o.redisUrl) {
    const { host, port, options: redisOptions } = parseRedisUrl(o.redisUrl);
    // ioredis retries for ever by default; a dead Redis must not stall a load or a store for ever.
    redis = new Redis({ host, port, options: { ...redisOptions, maxRetriesPerRequest: 3 } });
    redis.pub.on('error', (e: Error) => logs.line('redis', `${name}: Redis error: ${e.message}`));
    redis.sub.on('error', (e: Error) => logs.line('redis', `${name}: Redis error: ${e.message}`));
    extensions.push(redis);
  }

  const hocuspocus = new Hocuspocus({
    name,
    quiet: true,
    extensions,
    async onAuthenticate({ token, documentName, context, request }) {
      if (!keyMatches(token, o.key) || !ROOM_PATTERN.test(documentName)) {
        logs.line('refused', `${name}: refused ${request.socket.remoteAddress ?? '?'} for ${JSON.stringify(documentName.slice(0, 160))}`);
        throw new Error('permission-denied');
      }
      markReady((context as { guard?: SocketGuard }).guard, documentName);
    },
    async onDisconnect({ documentName, context }) {
      markGone((context as { guard?: SocketGuard }).guard, documentName);
    },
  });

  await store.ready();

  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxPayload, perMessageDeflate: false });
  const perAddress = new Map<string, number>();
  const sockets = new Set<import('ws').WebSocket>();

  function refuseUpgrade(socket: Duplex, status: string): void {
    socket.on('error', () => {});
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const address = request.socket.remoteAddress ?? '?';
    if (sockets.size >= o.maxConnections || (perAddress.get(address) ?? 0) >= o.maxPerAddress) {
      logs.line('capacity', `${name}: too many connections, refusing ${address}`);
      return refuseUpgrade(socket, '503 Service Unavailable');
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      ws.on('error', (e) => logs.line('socket error', `${name}: connection from ${address}: ${e.message}`));
      ws.once('close', () => {
        sockets.delete(ws);
        const n = (perAddress.get(address) ?? 1) - 1;
        if (n > 0) perAddress.set(address, n);
        else perAddress.delete(address);
      });
      const guard = guardSocket(
        ws,
        limits,
        (reason) => logs.line(`limit: ${reason}`, `${name}: closed ${address}: ${reason}`),
        () => logs.line('paused', `${name}: ${address} sends faster than its budget, reading it slower`),
      );
      const authTimer = setTimeout(() => {
        if (guard.ready.size > 0 || ws.readyState !== ws.OPEN) return;
        logs.line('no authentication', `${name}: closed ${address}: not authenticated for any room in ${o.authTimeoutMs / 1000} s`);
        if (ws.isPaused) ws.resume();
        ws.close(CLOSE_POLICY, 'not authenticated');
      }, o.authTimeoutMs);
      authTimer.unref();
      ws.once('close', () => clearTimeout(authTimer));
      try {
        hocuspocus.handleConnection(ws, request, { guard });
      } catch (e) {
        logs.line('internal error', `${name}: internal error with ${address}, closing it: ${errorText(e)}`);
        ws.terminate();
      }
    });
  }

  const http = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Proofroom office peer. Connect with the office URL and key in Proofroom.\n');
  });
  http.on('upgrade', onUpgrade);
  http.headersTimeout = 10_000;
  http.requestTimeout = 15_000;
  http.maxConnections = o.maxConnections + 64;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const host = o.host ?? '127.0.0.1';
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
  write(`${name}: listening on ${url}, data in ${dbPath}, ${o.redisUrl ? `sharing rooms through Redis at ${new URL(o.redisUrl).host}` : 'no Redis'}`);

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    http.close();
    wss.close();
    // Every document is stored when its last connection goes (Hocuspocus unloads it then).
    const unloaded = new Promise<void>((resolve) => {
      const check = (): void => {
        if (hocuspocus.getDocumentsCount() === 0 && hocuspocus.loadingDocuments.size === 0) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    hocuspocus.closeConnections();
    for (const ws of sockets) ws.close(1001, 'office closing');
    await Promise.race([unloaded, new Promise((r) => setTimeout(r, 10_000).unref())]);
    for (const ws of sockets) ws.terminate();
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    await store.close();
    http.closeAllConnections();
    logs.flush();
  }

  return {
    url,
    port,
    key: o.key,
    dbPath,
    get documents() {
      return hocuspocus.getDocumentsCount();
    },
    get connections() {
      return sockets.size;
    },
    close: () => (closing ??= close()),
  };
}
