// Signaling for specs that need to control it: the project's real relay on its own port, and a
// WebSocket proxy in front of it that can go down, hold messages back and let them go together, or
// lose one — the network's timing and losses, with the real relay behind.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { createRelay, type Relay } from '../../server/relay';

export interface Standalone {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The real relay on 127.0.0.1 at a port of its own (`port`, to restart one where it was). */
export function standaloneRelay(port = 0): Promise<Standalone> {
  return new Promise((resolve) => {
    const server: Server = createServer((_, res) => res.end('relay'));
    const relay: Relay = createRelay({ log: () => undefined });
    relay.attach(server, '/signal');
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${port}/signal`,
        port,
        close: async () => {
          await relay.close();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

interface Link {
  id: number;
  client: WebSocket;
  upstream: WebSocket;
  pending: RawData[];
}

export interface SignalProxy {
  url: string;
  /** Cuts every connection and refuses new ones, as a relay that went down. */
  down(): void;
  up(): void;
  /** From now on, publishes are held back (subscribes and pings still pass). */
  hold(): void;
  /** How many different connections have a publish held back. */
  holding(): number;
  /** Sends everything held back, all at once. */
  release(): void;
  /** Loses the next publish whose frame matches. */
  loseNext(match: (frame: string) => boolean): void;
  /** Publishes lost so far. */
  readonly lost: number;
  close(): Promise<void>;
}

/** A proxy on 127.0.0.1 in front of the relay at `upstream`. */
export function signalProxy(upstream: string): Promise<SignalProxy> {
  const links = new Set<Link>();
  let nextId = 0;
  let isUp = true;
  let holdingBack = false;
  let held: { link: Link; data: RawData }[] = [];
  let lose: ((frame: string) => boolean) | null = null;
  let lost = 0;

  const forward = (link: Link, data: RawData): void => {
    if (link.upstream.readyState === WebSocket.OPEN) link.upstream.send(data, { binary: false });
    else link.pending.push(data);
  };

  const server = createServer((_, res) => res.end('proxy'));
  // Down, it refuses the upgrade (503) as a relay that is not there would, instead of accepting the
  // WebSocket and dropping it: a browser then counts a failed attempt, not a connection that closed.
  const wss = new WebSocketServer({ server, path: '/signal', verifyClient: (_info, done) => done(isUp, 503) });
  wss.on('connection', (client) => {
    const link: Link = { id: nextId++, client, upstream: new WebSocket(upstream), pending: [] };
    links.add(link);
    link.upstream.on('open', () => {
      for (const data of link.pending.splice(0)) link.upstream.send(data, { binary: false });
    });
    link.upstream.on('message', (data) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: false });
    });
    client.on('message', (data) => {
      const frame = data.toString();
      const publish = frame.includes('"type":"publish"');
      if (publish && lose?.(frame)) {
        lose = null;
        lost++;
        return;
      }
      if (publish && holdingBack) held.push({ link, data });
      else forward(link, data);
    });
    const end = (): void => {
      links.delete(link);
      client.terminate();
      link.upstream.terminate();
    };
    client.on('close', end);
    link.upstream.on('close', end);
    client.on('error', end);
    link.upstream.on('error', end);
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${port}/signal`,
        down() {
          isUp = false;
          for (const link of [...links]) link.client.terminate();
        },
        up() {
          isUp = true;
        },
        hold() {
          holdingBack = true;
        },
        holding() {
          return new Set(held.filter(({ link }) => links.has(link)).map(({ link }) => link.id)).size;
        },
        release() {
          holdingBack = false;
          const batch = held;
          held = [];
          for (const { link, data } of batch) if (links.has(link)) forward(link, data);
        },
        loseNext(match) {
          lose = match;
        },
        get lost() {
          return lost;
        },
        async close() {
          for (const link of [...links]) link.client.terminate();
          await new Promise<void>((done) => wss.close(() => done()));
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
