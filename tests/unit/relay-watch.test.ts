// Whether a relay answers (src/lib/sync/relay-watch.ts), with y-webrtc's real signaling clients (lib0's
// WebsocketClient, on the `ws` package's WebSocket) against real servers on 127.0.0.1: a static host
// that answers 404 to the upgrade, the project's relay, and that relay killed and started again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketClient } from 'lib0/websocket';
import { createRelay, type Relay } from '../../server/relay.ts';
import { RelayWatch, type SignalingClient } from '../../src/lib/sync/relay-watch.ts';
import type { RelayState } from '../../src/lib/sync/office-status.ts';

const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = g.WebSocket;
beforeAll(() => {
  g.WebSocket = WebSocket;
});
afterAll(() => {
  g.WebSocket = hadWebSocket;
});

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A plain static host: 404 to everything, upgrades included. */
async function staticHost(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end('not found');
  });
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
  const port = await listen(server);
  return { url: `ws://127.0.0.1:${port}/magazines/proofroom/signal`, close: () => new Promise((done) => server.close(() => done())) };
}

async function relay(port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end('relay'));
  const r: Relay = createRelay({ log: () => undefined });
  r.attach(server, '/signal');
  const bound = await listen(server, port);
  return {
    url: `ws://127.0.0.1:${bound}/signal`,
    port: bound,
    close: async () => {
      await r.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Watches fresh clients of `urls`; `next(state)` resolves when the watch reaches that state. */
function watch(urls: string[]): { watch: RelayWatch; seen: RelayState[]; next(state: RelayState): Promise<void> } {
  const clients = urls.map((url) => new WebsocketClient(url));
  const waiters: { state: RelayState; resolve: () => void }[] = [];
  const seen: RelayState[] = [];
  const w = new RelayWatch(clients as unknown as SignalingClient[], () => {
    if (seen[seen.length - 1] !== w.state) seen.push(w.state);
    for (const waiter of waiters.filter((x) => x.state === w.state)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  cleanup.push(() => {
    w.destroy();
    for (const c of clients) c.destroy();
  });
  return {
    watch: w,
    seen,
    next: (state) => (w.state === state ? Promise.resolve() : new Promise((resolve) => waiters.push({ state, resolve }))),
  };
}

describe('RelayWatch', () => {
  it('starts as trying and says unreachable once a static host has answered the upgrade with 404', async () => {
    const host = await staticHost();
    cleanup.push(host.close);
    const w = watch([host.url]);
    expect(w.watch.state).toBe('trying');
    expect(w.watch.urls).toEqual([host.url]);
    await w.next('unreachable');
    expect(w.seen).toEqual(['unreachable']);
  });

  it('is up when one of two relays answers, and unreachable only once both have failed', async () => {
    const host = await staticHost();
    const good = await relay();
    cleanup.push(host.close, good.close);
    const w = watch([host.url, good.url]);
    await w.next('up');
    expect(w.seen).not.toContain('unreachable');
    await good.close();
    await w.next('unreachable');
  });

  it('goes from up to unreachable when the relay dies, and back to up when it returns on its port', async () => {
    const first = await relay();
    const w = watch([first.url]);
    await w.next('up');
    await first.close();
    await w.next('unreachable');
    // lib0 keeps retrying with a backoff of at most 2.5 s.
    const again = await relay(first.port);
    cleanup.push(again.close);
    await w.next('up');
    expect(w.seen).toEqual(['up', 'trying', 'unreachable', 'up']);
  });

  it('stops calling back once destroyed; another watch of the same client still hears it', async () => {
    const host = await staticHost();
    cleanup.push(host.close);
    const client = new WebsocketClient(host.url) as unknown as SignalingClient & { destroy(): void };
    cleanup.push(() => client.destroy());
    let calls = 0;
    const dead = new RelayWatch([client], () => calls++);
    dead.destroy();
    const live = await new Promise<RelayWatch>((resolve) => {
      const w: RelayWatch = new RelayWatch([client], () => {
        if (w.state === 'unreachable') resolve(w);
      });
    });
    expect(live.state).toBe('unreachable');
    expect(calls).toBe(0);
    live.destroy();
  });
});
