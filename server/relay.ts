// The signaling relay: y-webrtc's protocol (subscribe, unsubscribe, publish, ping) over `ws`.
// It binds nothing itself: mount it on any http server (attach) or route upgrades to it
// (handleUpgrade). It keeps only in-memory topic membership, and it is built to outlive hostile
// clients: connections are capped per address and in total, messages are capped in size, nesting and
// rate per connection, the messages and bytes one address can make it receive and deliver are
// budgeted (an address over budget is not read until it is back within it), repeated log lines are
// rate-limited, and any failure handling one connection closes that connection, never the process.
// Protocol and limits: docs/PROTOCOL.md §1.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createLogLimiter } from './log-limiter.ts';
import { createAdmission, type Peer } from './relay-admission.ts';
import { TokenBucket, nestedDeeperThan, peerLabel, requestPath, withClients } from './relay-limits.ts';
import { withDefaults, type RelayOptions } from './relay-options.ts';

export type { RelayOptions };

export interface Relay {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Serves the relay on `server` for upgrades to `path` (default /signal); other upgrades are left alone. */
  attach(server: Server, path?: string): void;
  /** Open connections right now. */
  readonly connections: number;
  /** Connections counted against the caps: open ones and those still in their handshake. */
  readonly sockets: number;
  /** Closes every connection and detaches from every server; the servers themselves stay up. */
  close(): Promise<void>;
}

export const CLOSE_TOO_BIG = 1009;
export const CLOSE_POLICY = 1008;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_INTERNAL_ERROR = 1011;

interface Client {
  socket: WebSocket;
  peer: Peer;
  label: string;
  topics: Set<string>;
  messages: TokenBucket;
  /** Spent by each dropped message, refilled at the rate; a connection that empties it is closed. */
  patience: TokenBucket;
  alive: boolean;
}

const PONG = JSON.stringify({ type: 'pong' });
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const sizeOf = (raw: RawData): number =>
  Array.isArray(raw) ? raw.reduce((sum, b) => sum + b.length, 0) : raw.byteLength;
const textOf = (raw: RawData): string =>
  Buffer.isBuffer(raw) ? raw.toString() : Array.isArray(raw) ? Buffer.concat(raw).toString() : Buffer.from(raw).toString();

export function createRelay(options: RelayOptions = {}): Relay {
  const {
    maxMessageBytes, maxDepth, rate, burst, maxConnections, maxPerAddress, addressRate, addressBurst,
    addressBytes, addressByteBurst, pingIntervalMs, maxTopics, maxTopicLength, maxBufferedBytes,
  } = withDefaults(options);
  const logs = createLogLimiter(options.log ?? (() => {}), {
    burst: options.logBurst,
    intervalMs: options.logIntervalMs,
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    clientTracking: false,
    perMessageDeflate: false,
  });
  const topics = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  const detachers: (() => void)[] = [];
  const admission = createAdmission(
    { maxConnections, maxPerAddress, addressRate, addressBurst, addressBytes, addressByteBurst },
    logs,
  );

  const pingTimer = setInterval(() => {
    for (const client of clients) {
      guard(client, () => {
        // A paused socket reads nothing, pongs included: it is not judged silent while paused.
        if (client.peer.resumeTimer) {
          client.alive = true;
          return;
        }
        if (!client.alive) {
          logs.line('no pong', `relay: no pong from ${client.label}, terminating`);
          client.socket.terminate();
          return;
        }
        client.alive = false;
        client.socket.ping();
      });
    }
  }, pingIntervalMs);
  pingTimer.unref();

  /** Runs one piece of handling for one connection; if it throws, that connection (only) is closed. */
  function guard(client: Client, handle: () => void): void {
    try {
      handle();
    } catch (error) {
      logs.line('internal error', `relay: internal error handling ${client.label}, closing it: ${errorText(error)}`);
      try {
        if (client.socket.readyState === client.socket.OPEN) client.socket.close(CLOSE_INTERNAL_ERROR, 'internal error');
        else client.socket.terminate();
      } catch {
        client.socket.terminate();
      }
    }
  }

  /** A message over the connection's rate, dropped: a connection that keeps flooding is closed. */
  function dropped(client: Client): void {
    if (client.patience.take(1)) return;
    logs.line('rate limit', `relay: ${client.label} exceeded the rate limit, closing`);
    client.socket.close(CLOSE_POLICY, 'rate limit exceeded');
  }

  function send(receiver: Client, data: string | Buffer): void {
    const { socket } = receiver;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      logs.line('slow reader', `relay: ${receiver.label} is not reading, terminating`);
      socket.terminate();
      return;
    }
    socket.send(data, { binary: false });
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
    const { socket, peer } = client;
    // Closing (we sent a close it has not answered): whatever it still sends ends it at once, unlogged.
    if (socket.readyState !== socket.OPEN) {
      socket.terminate();
      return;
    }
    const size = sizeOf(raw);
    // Reading it cost the relay already, whatever becomes of it.
    admission.charge(peer, 1, size);
    if (!client.messages.take(1)) return dropped(client);
    if (isBinary) return;
    const text = textOf(raw);
    if (nestedDeeperThan(text, maxDepth)) {
      logs.line('too deep', `relay: ${client.label} sent a message nested deeper than ${maxDepth}, closing`);
      socket.close(CLOSE_POLICY, 'message nested too deeply');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
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
        const subscribers = topics.get(m.topic);
        if (!subscribers) break;
        const receivers = subscribers.size - (subscribers.has(client) ? 1 : 0);
        if (receivers === 0) break;
        admission.charge(peer, 0, size * receivers);
        // The sender's own text, never re-serialised; encoded once and shared by every receiver's queue.
        const data = Buffer.from(withClients(text, subscribers.size));
        for (const receiver of subscribers) {
          if (receiver !== client) send(receiver, data);
        }
        break;
      }
      case 'ping':
        send(client, PONG);
        break;
    }
  }

  function onConnection(socket: WebSocket, request: IncomingMessage, peer: Peer): void {
    const now = performance.now();
    const client: Client = {
      socket,
      peer,
      label: peerLabel(request.socket.remoteAddress, request.socket.remotePort),
      topics: new Set(),
      messages: new TokenBucket(rate, burst, now),
      patience: new TokenBucket(rate, burst, now),
      alive: true,
    };
    clients.add(client);
    admission.join(peer, socket);
    logs.line('connect', `relay: connect ${client.label} (${clients.size} open)`);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => guard(client, () => onMessage(client, data, isBinary)));
    socket.on('error', (error) => logs.line('socket error', `relay: ${client.label} error: ${error.message}`));
    socket.on('close', (code) =>
      guard(client, () => {
        for (const topic of [...client.topics]) unsubscribe(client, topic);
        clients.delete(client);
        admission.leave(peer, socket);
        logs.line('disconnect', `relay: disconnect ${client.label} code ${code} (${clients.size} open)`);
      }),
    );
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Errors on a socket nobody else listens to yet (a reset mid-handshake) must not be unhandled.
    socket.on('error', () => {});
    try {
      const peer = admission.admit(request, socket);
      if (!peer) return;
      wss.handleUpgrade(request, socket, head, (ws) => {
        try {
          onConnection(ws, request, peer);
        } catch (error) {
          logs.line('internal error', `relay: internal error accepting a connection: ${errorText(error)}`);
          ws.terminate();
        }
      });
    } catch (error) {
      logs.line('internal error', `relay: internal error in an upgrade: ${errorText(error)}`);
      socket.destroy();
    }
  }

  function attach(server: Server, path = '/signal'): void {
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      if (requestPath(request.url) === path) handleUpgrade(request, socket, head);
    };
    server.on('upgrade', onUpgrade);
    detachers.push(() => server.off('upgrade', onUpgrade));
  }

  async function close(): Promise<void> {
    admission.close();
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
    logs.flush();
  }

  return {
    handleUpgrade,
    attach,
    get connections() {
      return clients.size;
    },
    get sockets() {
      return admission.sockets;
    },
    close,
  };
}
