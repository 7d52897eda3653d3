// The signaling relay: y-webrtc's protocol (subscribe, unsubscribe, publish, ping) over `ws`.
// It binds nothing itself: mount it on any http server (attach) or route upgrades to it
// (handleUpgrade). It keeps only in-memory topic membership, caps message size and rate per
// connection, and terminates sockets that stop answering pings. Protocol: docs/PROTOCOL.md.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface RelayOptions {
  /** Largest accepted message; bigger ones close the socket with 1009 (default 64 KiB). */
  maxMessageBytes?: number;
  /** Sustained messages per second per connection (default 50). */
  ratePerSecond?: number;
  /** Messages a connection may send in a burst above the rate (default 2 × rate). */
  burst?: number;
  /** Interval between liveness pings; a socket silent for a whole interval is terminated (default 30 s). */
  pingIntervalMs?: number;
  /** Most topics one connection may hold (default 64); longest topic name (default 512). */
  maxTopics?: number;
  maxTopicLength?: number;
  /** A receiver with more than this queued unsent is cut off (default 4 MiB). */
  maxBufferedBytes?: number;
  log?: (line: string) => void;
}

export interface Relay {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Serves the relay on `server` for upgrades to `path` (default /signal); other upgrades are left alone. */
  attach(server: Server, path?: string): void;
  /** Open connections right now. */
  readonly connections: number;
  /** Closes every connection and detaches from every server; the servers themselves stay up. */
  close(): Promise<void>;
}

export const CLOSE_TOO_BIG = 1009;
export const CLOSE_POLICY = 1008;
export const CLOSE_GOING_AWAY = 1001;

interface Client {
  socket: WebSocket;
  address: string;
  topics: Set<string>;
  tokens: number;
  overflow: number;
  refilledAt: number;
  alive: boolean;
}

export function createRelay(options: RelayOptions = {}): Relay {
  const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
  const rate = options.ratePerSecond ?? 50;
  const burst = options.burst ?? rate * 2;
  const maxTopics = options.maxTopics ?? 64;
  const maxTopicLength = options.maxTopicLength ?? 512;
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const log = options.log ?? (() => {});

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, clientTracking: false });
  const topics = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  const detachers: (() => void)[] = [];

  const pingTimer = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        log(`relay: no pong from ${client.address}, terminating`);
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pingTimer.unref();

  // Token bucket: each message costs a token. Messages with no token are dropped and fill an
  // overflow bucket that drains at the same rate; a client that overflows it is flooding and is closed.
  function admit(client: Client): 'ok' | 'drop' | 'close' {
    const now = performance.now();
    const refill = ((now - client.refilledAt) / 1000) * rate;
    client.refilledAt = now;
    client.tokens = Math.min(burst, client.tokens + refill);
    client.overflow = Math.max(0, client.overflow - refill);
    if (client.tokens >= 1) {
      client.tokens -= 1;
      return 'ok';
    }
    client.overflow += 1;
    return client.overflow > burst ? 'close' : 'drop';
  }

  function send(receiver: Client, data: string): void {
    const { socket } = receiver;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      log(`relay: ${receiver.address} is not reading, terminating`);
      socket.terminate();
      return;
    }
    socket.send(data);
  }

  function unsubscribe(client: Client, topic: string): void {
    const subscribers = topics.get(topic);
    subscribers?.delete(client);
    if (subscribers?.size === 0) topics.delete(topic);
    client.topics.delete(topic);
  }

  function topicList(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    return value.filter((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= maxTopicLength);
  }

  function onMessage(client: Client, raw: RawData, isBinary: boolean): void {
    const verdict = admit(client);
    if (verdict === 'close') {
      log(`relay: ${client.address} exceeded the rate limit, closing`);
      client.socket.close(CLOSE_POLICY, 'rate limit exceeded');
      return;
    }
    if (verdict === 'drop' || isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    switch (m.type) {
      case 'subscribe':
        for (const topic of topicList(m.topics)) {
          if (client.topics.size >= maxTopics && !client.topics.has(topic)) break;
          let subscribers = topics.get(topic);
          if (!subscribers) topics.set(topic, (subscribers = new Set()));
          subscribers.add(client);
          client.topics.add(topic);
        }
        break;
      case 'unsubscribe':
        for (const topic of topicList(m.topics)) unsubscribe(client, topic);
        break;
      case 'publish': {
        if (typeof m.topic !== 'string') break;
        const receivers = topics.get(m.topic);
        if (!receivers) break;
        const data = JSON.stringify({ ...m, clients: receivers.size });
        for (const receiver of receivers) {
          if (receiver !== client) send(receiver, data);
        }
        break;
      }
      case 'ping':
        send(client, JSON.stringify({ type: 'pong' }));
        break;
    }
  }

  function onConnection(socket: WebSocket, request: IncomingMessage): void {
    const client: Client = {
      socket,
      address: `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`,
      topics: new Set(),
      tokens: burst,
      overflow: 0,
      refilledAt: performance.now(),
      alive: true,
    };
    clients.add(client);
    log(`relay: connect ${client.address} (${clients.size} open)`);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => onMessage(client, data, isBinary));
    socket.on('error', (error) => log(`relay: ${client.address} error: ${error.message}`));
    socket.on('close', (code) => {
      for (const topic of [...client.topics]) unsubscribe(client, topic);
      clients.delete(client);
      log(`relay: disconnect ${client.address} code ${code} (${clients.size} open)`);
    });
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request));
  }

  function attach(server: Server, path = '/signal'): void {
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const pathname = new URL(request.url ?? '/', 'http://relay.invalid').pathname;
      if (pathname === path) handleUpgrade(request, socket, head);
    };
    server.on('upgrade', onUpgrade);
    detachers.push(() => server.off('upgrade', onUpgrade));
  }

  async function close(): Promise<void> {
    clearInterval(pingTimer);
    for (const detach of detachers.splice(0)) detach();
    const closing = [...clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          client.socket.once('close', () => resolve());
          client.socket.close(CLOSE_GOING_AWAY, 'relay shutting down');
          // A peer that never answers the close handshake is cut off.
          setTimeout(() => client.socket.terminate(), 1000).unref();
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    handleUpgrade,
    attach,
    get connections() {
      return clients.size;
    },
    close,
  };
}
