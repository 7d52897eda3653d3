// The relay's defences one by one: buckets, address keys, the nesting scan, forwarding without
// re-serialising, the log limiter; then the connection caps on a real relay with small limits, and
// the CLI's limit flags.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('scans 5,000 levels and a 1 MB flat array in one pass, without recursion', () => {
    expect(nestedDeeperThan(nest(5000), 16)).toBe(true);
    const flat = `[${Array(500_000).fill(0).join(',')}]`;
    const t0 = performance.now();
    expect(nestedDeeperThan(flat, 16)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
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

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const relay of relays.splice(0)) await relay.close();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function listen(relay: Relay, host: string): Promise<number> {
  const server = createServer((_req, res) => res.end('ok'));
  servers.push(server);
  relay.attach(server);
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return (server.address() as AddressInfo).port;
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
    const { relay, lines } = startRelay({ maxConnections: 60, maxConnectionsPerAddress: 25 });
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
    await expect.poll(() => relay.sockets).toBe(0);
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

describe('per-address budgets', () => {
  it('slow an address that overspends its message budget without dropping anything', async () => {
    const { relay, lines } = startRelay({ addressMessagesPerSecond: 20, addressMessageBurst: 20 });
    const url = `ws://127.0.0.1:${await listen(relay, '127.0.0.1')}/signal`;
    const [a, other] = await Promise.all([talker(url, '127.0.4.1'), talker(url, '127.0.4.2')]);
    // 40 pings arrive together and are all answered; they leave the address 20 in debt, a second's worth.
    for (let i = 0; i < 40; i++) a.ws.send('{"type":"ping"}');
    await a.until(40);
    const paused = performance.now();
    a.ws.send('{"type":"ping"}');
    // Meanwhile another address is served at once.
    other.ws.send('{"type":"ping"}');
    await other.until(1);
    expect(performance.now() - paused).toBeLessThan(300);
    await a.until(41);
    expect(performance.now() - paused).toBeGreaterThan(700);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    expect(lines.filter((l) => l.includes('rate limit'))).toEqual([]);
  });

  it('slow an address whose publishes cost more bytes than its budget, delivering all of them in order', async () => {
    const { relay } = startRelay({ addressBytesPerSecond: 100_000, addressByteBurst: 100_000 });
    const url = `ws://127.0.0.1:${await listen(relay, '127.0.0.1')}/signal`;
    const [sender, receiver, other] = await Promise.all([talker(url, '127.0.4.3'), talker(url, '127.0.4.3'), talker(url, '127.0.4.4')]);
    for (const t of [sender, receiver]) t.ws.send(JSON.stringify({ type: 'subscribe', topics: ['bytes'] }));
    sender.ws.send('{"type":"ping"}');
    await sender.until(1);
    // Each costs about 40 kB (received once, delivered once) against 100 kB a second, burst 100 kB.
    // Sent one after another: the third puts the address in debt, so the fourth and fifth are read
    // only once it is paid off, 0.2 s and 0.4 s later.
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      sender.ws.send(JSON.stringify({ type: 'publish', topic: 'bytes', data: { i, pad: 'x'.repeat(20_000) } }));
      if (i === 3) {
        // Meanwhile another address is served at once.
        const asked = performance.now();
        other.ws.send('{"type":"ping"}');
        await other.until(1);
        expect(performance.now() - asked).toBeLessThan(150);
      }
      await receiver.until(i + 1);
    }
    expect(performance.now() - started).toBeGreaterThan(500);
    expect(receiver.received.map((m) => m.data.i)).toEqual([0, 1, 2, 3, 4]);
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
