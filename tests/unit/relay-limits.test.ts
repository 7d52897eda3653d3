// The relay's defences one by one: buckets, address keys, the nesting scan, forwarding without
// re-serialising, the log limiter; then the connection caps on a real relay with small limits, and
// the CLI's limit flags.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createLogLimiter } from '../../server/log-limiter.ts';
import { createRelay, type Relay, type RelayOptions } from '../../server/relay.ts';
import { TokenBucket, addressKey, nestedDeeperThan, peerLabel, requestPath, withClients } from '../../server/relay-limits.ts';

describe('TokenBucket', () => {
  it('spends tokens, refills at its rate, and lets one oversize cost through only when full', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(1, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 100)).toBe(true); // 0.1 s at 10/s: one token
    expect(bucket.take(1, 100)).toBe(false);
    expect(bucket.take(50, 400)).toBe(false); // 3 tokens: not full
    expect(bucket.full(600)).toBe(true);
    expect(bucket.take(50, 600)).toBe(true); // full: allowed, leaves a debt of 45
    expect(bucket.take(1, 4600)).toBe(false); // 40 refilled: -5
    expect(bucket.take(1, 5200)).toBe(true); // 6 more: 1
  });
});

describe('addressKey', () => {
  it('keeps IPv4, unmaps IPv4-mapped IPv6, and groups other IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('?');
  });

  it('labels peers for the log', () => {
    expect(peerLabel('::ffff:10.0.0.2', 5000)).toBe('10.0.0.2:5000');
    expect(peerLabel('::1', 5000)).toBe('[::1]:5000');
    expect(peerLabel(undefined, undefined)).toBe('?:?');
  });
});

describe('nestedDeeperThan', () => {
  const nest = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('measures nesting of arrays and objects, a top-level object being depth 1', () => {
    expect(nestedDeeperThan('{"a":1}', 1)).toBe(false);
    expect(nestedDeeperThan('{"a":[1]}', 1)).toBe(true);
    expect(nestedDeeperThan(nest(16), 16)).toBe(false);
    expect(nestedDeeperThan(nest(17), 16)).toBe(true);
    expect(nestedDeeperThan(`{"a":${'{"b":'.repeat(20)}1${'}'.repeat(20)}}`, 16)).toBe(true);
    // Siblings do not add up.
    expect(nestedDeeperThan(`[${Array(100).fill('[[1]]').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestedDeeperThan(JSON.stringify({ data: '['.repeat(1000) }), 2)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify({ data: '\\"[[[[[[' + '"'.repeat(10) }), 2)).toBe(false);
    expect(nestedDeeperThan(`{"a":"\\\\",${'"b":['.repeat(1)}[[1]]]}`, 3)).toBe(true);
  });

  it('scans without recursion, and in one pass, reading each character at most once', () => {
    expect(nestedDeeperThan(nest(5000), 16)).toBe(true);
    // A million levels, all the way down and back: a recursive scan would run out of stack long before.
    expect(nestedDeeperThan(nest(1_000_000), 1_000_000)).toBe(false);
    expect(nestedDeeperThan(nest(1_000_000), 999_999)).toBe(true);
    // A 1 MB flat array, its characters counted as they are read (a String object that counts its
    // charCodeAt calls; any other string method still works on it, uncounted).
    const flat = `[${Array(500_000).fill(0).join(',')}]`;
    let reads = 0;
    const counted = Object.assign(new String(flat), {
      charCodeAt(i: number): number {
        reads++;
        return flat.charCodeAt(i);
      },
    });
    expect(nestedDeeperThan(counted as unknown as string, 16)).toBe(false);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(flat.length);
  });

  it('agrees with real y-webrtc messages, which are at most 4 deep', () => {
    const signal = {
      type: 'publish',
      topic: 'room',
      data: { to: 'a', from: 'b', type: 'signal', signal: { type: 'candidate', candidate: { candidate: 'x', sdpMid: '0' } } },
    };
    expect(nestedDeeperThan(JSON.stringify(signal), 4)).toBe(false);
  });
});

describe('withClients', () => {
  it('adds the client count to the sender’s text without re-serialising it', () => {
    const text = '{"type":"publish","topic":"t","data":{"x":[1,2]}}';
    expect(withClients(text, 3)).toBe('{"type":"publish","topic":"t","data":{"x":[1,2]},"clients":3}');
    expect(JSON.parse(withClients(`${text} \n\t`, 3))).toEqual({ ...JSON.parse(text), clients: 3 });
    // A sender's own "clients" is overridden, as JSON.parse keeps the last duplicate key.
    expect(JSON.parse(withClients('{"type":"publish","topic":"t","clients":999}', 2)).clients).toBe(2);
  });
});

describe('requestPath', () => {
  it('reads the path of an upgrade target, and gives null for one that is not a URL', () => {
    expect(requestPath('/signal')).toBe('/signal');
    expect(requestPath('/signal?x=1')).toBe('/signal');
    expect(requestPath(undefined)).toBe('/');
    expect(requestPath('//')).toBeNull();
    expect(requestPath('http://')).toBeNull();
  });
});

describe('log limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a burst of each kind per interval, then one summary line', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logs = createLogLimiter((line) => lines.push(line), { burst: 3, intervalMs: 1000 });
    for (let i = 0; i < 1000; i++) logs.line('rate limit', `flood ${i}`);
    logs.line('connect', 'connect a');
    expect(lines).toEqual(['flood 0', 'flood 1', 'flood 2', 'connect a']);
    vi.advanceTimersByTime(1000);
    expect(lines.at(-1)).toBe('relay: 997 similar lines suppressed in the last 1 s (rate limit)');
    // A new interval: a new burst.
    for (let i = 0; i < 5; i++) logs.line('rate limit', `again ${i}`);
    expect(lines.slice(5)).toEqual(['again 0', 'again 1', 'again 2']);
    logs.flush();
    expect(lines.at(-1)).toBe('relay: 2 similar lines suppressed in the last 1 s (rate limit)');
    expect(lines).toHaveLength(9);
    vi.advanceTimersByTime(5000);
    expect(lines).toHaveLength(9);
  });

  it('survives a logger that throws', () => {
    const logs = createLogLimiter(() => {
      throw new Error('disk full');
    });
    expect(() => logs.line('connect', 'x')).not.toThrow();
  });
});

// ---- connection caps on a real relay with small limits ----

const servers: Server[] = [];
const relays: Relay[] = [];
const sockets: WebSocket[] = [];
/** The server side of every upgrade asked of a relay's server, in this test. */
const upgraded: Socket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const relay of relays.splice(0)) await relay.close();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  upgraded.length = 0;
});

async function listen(relay: Relay, host: string): Promise<number> {
  const server = createServer((_req, res) => res.end('ok'));
  servers.push(server);
  relay.attach(server);
  // After the relay's own listener: when one of these emits 'close' to us, the relay has already let go of it.
  server.on('upgrade', (_request, socket: Socket) => void upgraded.push(socket));
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** Resolves once the server side of every upgrade so far has closed, so no relay counts it any more. */
async function allReleased(): Promise<void> {
  for (;;) {
    const open = upgraded.filter((s) => !s.closed);
    if (open.length === 0) return;
    await Promise.all(open.map((s) => new Promise((resolve) => s.once('close', resolve))));
  }
}

function startRelay(options: RelayOptions): { relay: Relay; lines: string[] } {
  const lines: string[] = [];
  const relay = createRelay({ log: (line) => lines.push(line), ...options });
  relays.push(relay);
  return { relay, lines };
}

/** Opens a WebSocket: 'open', or the HTTP status it was refused with. */
function attempt(url: string, localAddress?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress });
    sockets.push(ws);
    ws.once('open', () => resolve('open'));
    ws.once('error', (error) => resolve(Number(/response: (\d+)/.exec(error.message)?.[1] ?? -1)));
  });
}

describe('connection caps', () => {
  it('refuses over-cap upgrades per address with 429 and in all with 503, and never holds more', async () => {
    // A log interval longer than this test could ever take, so one burst is all the log may hold.
    const { relay, lines } = startRelay({ maxConnections: 60, maxConnectionsPerAddress: 25, logIntervalMs: 3_600_000 });
    const url = `ws://127.0.0.1:${await listen(relay, '127.0.0.1')}/signal`;
    let most = 0;
    const results = await Promise.all(
      ['127.0.3.1', '127.0.3.2', '127.0.3.3', '127.0.3.4'].flatMap((address) =>
        Array.from({ length: 40 }, () =>
          attempt(url, address).then((result) => {
            most = Math.max(most, relay.sockets);
            return result;
          }),
        ),
      ),
    );
    const open = results.filter((r) => r === 'open').length;
    expect(open).toBe(60);
    expect(most).toBeLessThanOrEqual(60);
    expect(relay.connections).toBe(60);
    expect(results.filter((r) => r === 429).length + results.filter((r) => r === 503).length).toBe(100);
    expect(results.filter((r) => r === 503).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('refused')).length).toBeLessThanOrEqual(20);

    // Slots are given back when connections close.
    for (const ws of sockets.splice(0)) ws.terminate();
    await allReleased();
    expect(relay.sockets).toBe(0);
    expect(await attempt(url, '127.0.3.1')).toBe('open');
  });

  it('counts an IPv4 peer once whether the listener reports it as IPv4 or as IPv4-mapped IPv6', async () => {
    const { relay } = startRelay({ maxConnectionsPerAddress: 1 });
    const v4 = await listen(relay, '127.0.0.1');
    const dual = await listen(relay, '::'); // dual-stack: IPv4 peers appear as ::ffff:a.b.c.d
    expect(await attempt(`ws://127.0.0.1:${v4}/signal`, '127.0.3.9')).toBe('open');
    expect(await attempt(`ws://127.0.0.1:${dual}/signal`, '127.0.3.9')).toBe(429);
    expect(await attempt(`ws://127.0.0.1:${dual}/signal`, '127.0.3.10')).toBe('open');
  });

  it('passes over an upgrade whose target is not a URL instead of throwing', async () => {
    const { relay } = startRelay({});
    const port = await listen(relay, '127.0.0.1');
    // What the server does with upgrades the relay leaves alone (listeners run in order, relay's first).
    servers[0]!.on('upgrade', (request, socket) => {
      if (requestPath(request.url) !== '/signal') socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
    expect(await rawUpgrade(port, '//')).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade(port, 'http://')).toMatch(/^HTTP\/1\.1 404/);
    expect(await attempt(`ws://127.0.0.1:${port}/signal`)).toBe('open');
  });
});

/** Sends an upgrade request for `target` on a raw socket; resolves with everything answered. */
function rawUpgrade(port: number, target: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
  });
}

// ---- per-address budgets on a real relay with small limits ----

interface Talker {
  ws: WebSocket;
  received: any[];
  /** Resolves once `count` messages have arrived in all. */
  until(count: number): Promise<void>;
}

async function talker(url: string, localAddress: string): Promise<Talker> {
  const ws = new WebSocket(url, { localAddress });
  sockets.push(ws);
  const received: any[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()));
    for (const w of waiting.filter((w) => received.length >= w.count)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  await new Promise((resolve) => ws.once('open', resolve));
  return {
    ws,
    received,
    until: (count) =>
      received.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}

/** Resolves once `data` has been handed to the kernel, and so is there for the relay to read. */
const sent = (ws: WebSocket, data: string): Promise<void> =>
  new Promise((resolve, reject) => ws.send(data, (error) => (error ? reject(error) : resolve())));

/** Two pings from `t`, each answered: the relay is reading `t`, and has gone round its loop meanwhile. */
async function servedTwice(t: Talker): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const count = t.received.length + 1;
    t.ws.send('{"type":"ping"}');
    await t.until(count);
  }
}

describe('per-address budgets', () => {
  // The relay's clock is fake (performance.now and its timers; the sockets are real): it stands still
  // until a test moves it, so what an address may do when is arithmetic, not this machine's speed.
  // A paused address is read again only when the test advances the clock past its debt.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('slow an address that overspends its message budget without dropping anything', async () => {
    const { relay, lines } = startRelay({ addressMessagesPerSecond: 10, addressMessageBurst: 20 });
    const url = `ws://127.0.0.1:${await listen(relay, '127.0.0.1')}/signal`;
    const [a, other] = await Promise.all([talker(url, '127.0.4.1'), talker(url, '127.0.4.2')]);
    // 21 pings against a burst of 20: the last is over budget, but it has been read, so it is answered
    // too; it leaves the address one message, 0.1 s at 10 a second, in debt. (Over budget only with
    // the last one sent, the address is paused with nothing of its left unread, however the 21
    // arrive.)
    for (let i = 0; i < 21; i++) a.ws.send('{"type":"ping"}');
    await a.until(21);
    // From now on nothing of the address is read until the clock has moved 0.1 s.
    await sent(a.ws, '{"type":"ping"}');
    // Another address is served meanwhile, without the clock moving at all; and had the relay read
    // a's ping, sent before these, it would have answered it by now.
    await servedTwice(other);
    expect(a.received).toHaveLength(21);
    await vi.advanceTimersByTimeAsync(90);
    await servedTwice(other);
    expect(a.received).toHaveLength(21);
    // Debt paid off: the ping waiting in a's socket is read and answered.
    await vi.advanceTimersByTimeAsync(20);
    await a.until(22);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    expect(lines.filter((l) => l.includes('rate limit'))).toEqual([]);
  });

  it('slow an address whose publishes cost more bytes than its budget, delivering all of them in order', async () => {
    const { relay } = startRelay({ addressBytesPerSecond: 100_000, addressByteBurst: 100_000 });
    const url = `ws://127.0.0.1:${await listen(relay, '127.0.0.1')}/signal`;
    const [sender, receiver, other] = await Promise.all([talker(url, '127.0.4.3'), talker(url, '127.0.4.3'), talker(url, '127.0.4.4')]);
    for (const t of [sender, receiver]) t.ws.send(JSON.stringify({ type: 'subscribe', topics: ['bytes'] }));
    await Promise.all([sender, receiver].map(servedTwice));
    const publishes = (): number[] => receiver.received.filter((m) => m.type === 'publish').map((m) => m.data.i);
    const delivered = (count: number): Promise<void> => receiver.until(receiver.received.length - publishes().length + count);
    const publish = (i: number): Promise<void> =>
      sent(sender.ws, JSON.stringify({ type: 'publish', topic: 'bytes', data: { i, pad: 'x'.repeat(20_000) } }));
    // Each costs about 40 kB (received once, delivered once) against 100 kB a second, burst 100 kB.
    // Sent one after another, the first three are delivered with the clock standing still; the third
    // leaves the address about 20 kB, 0.2 s, in debt.
    for (let i = 0; i < 3; i++) {
      await publish(i);
      await delivered(i + 1);
    }
    // So the fourth waits, while another address is served.
    await publish(3);
    await servedTwice(other);
    await vi.advanceTimersByTimeAsync(100);
    await servedTwice(other);
    expect(publishes()).toEqual([0, 1, 2]);
    // Once the debt is paid off, it is delivered; and, putting the address 40 kB in debt again, the
    // fifth waits for the clock as well.
    await vi.advanceTimersByTimeAsync(150);
    await delivered(4);
    await publish(4);
    await servedTwice(other);
    expect(publishes()).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(500);
    await delivered(5);
    expect(publishes()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('npm run signal', () => {
  it('takes the limits as flags', async () => {
    const cli = fileURLToPath(new URL('../../server/signal-cli.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const child = spawn(tsx, [cli, '--port', '0', '--max-per-address', '2', '--address-bytes', '1m'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d.toString();
          const match = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const url = `ws://127.0.0.1:${port}/signal`;
      expect(await attempt(url, '127.0.3.20')).toBe('open');
      expect(await attempt(url, '127.0.3.20')).toBe('open');
      expect(await attempt(url, '127.0.3.20')).toBe(429);
      // Other paths get a 404, even a target that is not a URL.
      expect(await attempt(`ws://127.0.0.1:${port}/other`)).toBe(404);
      expect(await rawUpgrade(port, '//')).toMatch(/^HTTP\/1\.1 404/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
