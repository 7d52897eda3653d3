// The signaling relay (server/relay.ts) on a real http server on 127.0.0.1 with real `ws` clients.
// Every wait is for an event (a message, a close, a log line); where the relay's behaviour depends on
// its clock, the clock is faked and moved by the test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { relayClient, settle, type RelayClient } from './helpers/relay-client.ts';
import { CLOSE_POLICY, CLOSE_TOO_BIG, createRelay, type Relay, type RelayOptions } from '../../server/relay.ts';

interface Running {
  relay: Relay;
  server: Server;
  url: string;
  port: number;
  lines: string[];
  /** The first line logged (or already logged) that matches `pattern`. */
  logged(pattern: RegExp): Promise<string>;
}

const running: Running[] = [];
const sockets: WebSocket[] = [];

async function start(options: RelayOptions = {}, port = 0): Promise<Running> {
  const lines: string[] = [];
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const log = (line: string): void => {
    lines.push(line);
    for (const w of watchers.filter((w) => w.pattern.test(line))) {
      watchers.splice(watchers.indexOf(w), 1);
      w.resolve(line);
    }
  };
  const logged = (pattern: RegExp): Promise<string> => {
    const line = lines.find((l) => pattern.test(l));
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => watchers.push({ pattern, resolve }));
  };
  const relay = createRelay({ log, ...options });
  const server = createServer((_req, res) => res.end('relay test'));
  relay.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const r = { relay, server, url: `ws://127.0.0.1:${actual}/signal`, port: actual, lines, logged };
  running.push(r);
  return r;
}

async function stop(r: Running): Promise<void> {
  running.splice(running.indexOf(r), 1);
  await r.relay.close();
  await new Promise<void>((resolve) => r.server.close(() => resolve()));
}

type TestClient = RelayClient;
const connect = (url: string): Promise<TestClient> => relayClient(url, sockets);

const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => {
    if (ws.readyState === ws.CLOSED) resolve({ code: -1, reason: '' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

afterEach(async () => {
  vi.useRealTimers();
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const r of [...running]) await stop(r);
});

describe('signaling relay', () => {
  it('answers ping with pong', async () => {
    const { url } = await start();
    const a = await connect(url);
    const raw = new Promise((resolve) => a.ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    a.ws.send(JSON.stringify({ type: 'ping' }));
    expect(await raw).toEqual({ type: 'pong' });
  });

  it('fans a publish out to the topic’s other subscribers only, with the client count', async () => {
    const { url } = await start();
    const [a, b, c, d] = await Promise.all([connect(url), connect(url), connect(url), connect(url)]);
    for (const x of [a, b, c]) x.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-1'] }));
    d.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-2'] }));
    await Promise.all([a, b, c, d].map(settle));

    a.ws.send(JSON.stringify({ type: 'publish', topic: 'room-1', data: { hello: '你好' } }));
    const expected = { type: 'publish', topic: 'room-1', data: { hello: '你好' }, clients: 3 };
    expect(await b.next()).toEqual(expected);
    expect(await c.next()).toEqual(expected);
    await Promise.all([a, d].map(settle));
    expect(a.inbox).toEqual([]);
    expect(d.inbox).toEqual([]);
  });

  it('stops delivering after unsubscribe, and after a subscriber disconnects', async () => {
    const { url, relay, logged } = await start();
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    for (const x of [a, b, c]) x.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-u'] }));
    await Promise.all([a, b, c].map(settle));

    b.ws.send(JSON.stringify({ type: 'unsubscribe', topics: ['room-u'] }));
    await settle(b);
    c.ws.close();
    await closed(c.ws);
    // Logged once the relay has dropped the connection and its subscriptions.
    await logged(/disconnect .* \(2 open\)/);
    expect(relay.connections).toBe(2);

    a.ws.send(JSON.stringify({ type: 'publish', topic: 'room-u', data: 1 }));
    await Promise.all([a, b].map(settle));
    expect(b.inbox).toEqual([]);

    b.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-u'] }));
    await settle(b);
    a.ws.send(JSON.stringify({ type: 'publish', topic: 'room-u', data: 2 }));
    expect(await b.next()).toEqual({ type: 'publish', topic: 'room-u', data: 2, clients: 2 });
  });

  it('ignores malformed messages and keeps serving the sender', async () => {
    const { url } = await start();
    const a = await connect(url);
    a.ws.send('not json');
    a.ws.send(JSON.stringify(null));
    a.ws.send(JSON.stringify({ type: 'subscribe', topics: 'not-a-list' }));
    a.ws.send(Buffer.from([1, 2, 3]));
    await settle(a);
    expect(a.inbox).toEqual([]);
  });

  it('closes a sender of an oversize message with 1009, and others keep working', async () => {
    const { url } = await start({ maxMessageBytes: 4096 });
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    for (const x of [a, b, c]) x.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-big'] }));
    await Promise.all([a, b, c].map(settle));

    const big = JSON.stringify({ type: 'publish', topic: 'room-big', data: 'x'.repeat(5000) });
    const aClosed = closed(a.ws);
    a.ws.send(big);
    expect((await aClosed).code).toBe(CLOSE_TOO_BIG);

    b.ws.send(JSON.stringify({ type: 'publish', topic: 'room-big', data: 'small' }));
    expect(await c.next()).toEqual({ type: 'publish', topic: 'room-big', data: 'small', clients: 2 });
    expect(b.inbox).toEqual([]);
  });

  it('drops messages over the rate limit and closes a flooding connection', async () => {
    // The relay's clock stands still, so nothing refills however long the 500 take to arrive.
    vi.useFakeTimers({ toFake: ['performance'] });
    const { url, lines } = await start({ ratePerSecond: 20, burst: 20 });
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    for (const x of [b, c]) x.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-flood'] }));
    await Promise.all([b, c].map(settle));

    const aClosed = closed(a.ws);
    for (let i = 0; i < 500; i++) a.ws.send(JSON.stringify({ type: 'publish', topic: 'room-flood', data: i }));
    const { code } = await aClosed;
    expect(code).toBe(CLOSE_POLICY);
    await settle(b);
    // Of the 500 sent, the burst got through and nothing more: the next 20 spent the connection's
    // patience, dropped, and the one after that closed it.
    expect(b.inbox.map((m) => m.data)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(lines.filter((l) => l.includes('rate limit'))).toHaveLength(1);

    // Well-behaved clients are unaffected.
    c.ws.send(JSON.stringify({ type: 'publish', topic: 'room-flood', data: 'after' }));
    for (;;) if ((await b.next()).data === 'after') break;
  });

  it('terminates sockets that stop answering pings', async () => {
    // The ping interval runs on a fake clock that the test moves, one whole interval at a time, so a
    // slow machine cannot make a pong late.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { url, relay, logged } = await start({ pingIntervalMs: 30_000 });
    const a = await connect(url);
    // A client whose pong never comes: ws answers pings automatically unless told otherwise.
    const silent = new WebSocket(url, { autoPong: false });
    sockets.push(silent);
    await new Promise((resolve) => silent.once('open', resolve));
    expect(relay.connections).toBe(2);

    // First interval: both are pinged.
    const pinged = [a.ws, silent].map((ws) => new Promise((resolve) => ws.once('ping', resolve)));
    vi.advanceTimersByTime(30_000);
    await Promise.all(pinged);
    // a answered its ping before sending this, so once this is answered the relay has a's pong.
    await settle(a);
    // Second interval: whoever has not answered the first ping is cut off.
    const silentClosed = closed(silent);
    vi.advanceTimersByTime(30_000);
    expect((await silentClosed).code).toBe(1006);
    await logged(/disconnect .* code 1006 \(1 open\)/);
    expect(relay.connections).toBe(1);
    await settle(a);
  });

  it('logs connections with the remote address and count', async () => {
    const { url, lines, logged } = await start();
    const a = await connect(url);
    a.ws.close();
    await closed(a.ws);
    await logged(/disconnect/);
    expect(lines[0]).toMatch(/connect 127\.0\.0\.1:\d+ \(1 open\)/);
    expect(lines.at(-1)).toMatch(/disconnect 127\.0\.0\.1:\d+ code 1005 \(0 open\)/);
  });

  it('leaves other upgrade paths to other handlers on the same server', async () => {
    const { url, server, relay } = await start();
    const other = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (request.url === '/elsewhere') other.handleUpgrade(request, socket, head, (ws) => ws.send('from the other handler'));
    });
    const ws = new WebSocket(url.replace('/signal', '/elsewhere'));
    sockets.push(ws);
    const first = await new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
    expect(first).toBe('from the other handler');
    expect(relay.connections).toBe(0);
    ws.terminate();
    other.close();
  });

  it('close() closes every client and leaves no open handles; a new relay on the same port works', async () => {
    const first = await start();
    const [a, b] = await Promise.all([connect(first.url), connect(first.url)]);
    const closes = [closed(a.ws), closed(b.ws)];
    await stop(first);
    expect((await Promise.all(closes)).map((c) => c.code)).toEqual([1001, 1001]);
    expect(first.relay.connections).toBe(0);
    expect(first.server.listening).toBe(false);

    const second = await start({}, first.port);
    expect(second.port).toBe(first.port);
    const c = await connect(second.url);
    const d = await connect(second.url);
    for (const x of [c, d]) x.ws.send(JSON.stringify({ type: 'subscribe', topics: ['room-again'] }));
    await Promise.all([c, d].map(settle));
    c.ws.send(JSON.stringify({ type: 'publish', topic: 'room-again', data: 'back' }));
    expect(await d.next()).toEqual({ type: 'publish', topic: 'room-again', data: 'back', clients: 2 });
  });
});
