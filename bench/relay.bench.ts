// The signaling relay under a fan-out flood, timed: how long a well-behaved pair's publish takes to
// reach the other of the pair, with no attack and while 40 compliant connections from one other
// address flood the relay (each publishing 64 KiB 48 times a second, under the per-connection limit of
// 50, to a topic the 40 share, so every message asks for 39 deliveries: about 4.5 GiB/s if the relay
// read it all). The relay runs here as `npm run signal` runs it (createRelay, default limits, a plain
// http server on 127.0.0.1); the pair connects from 127.0.0.1 and the attacker from 127.0.0.2 (Linux
// routes all of 127/8 to loopback), in a worker thread of its own (bench/relay-flood.worker.ts) so it
// does not share the relay's event loop.
//
// The pair publishes on a fixed schedule, one every 25 ms (under its own rate limit), whether or not
// the previous one has arrived, so a stall shows in every publish it holds up and not in one only.
// Each latency runs from the publish being handed to the socket to the other client's 'message' event,
// both on performance.now() in this thread. This thread is also the relay's, so a stall can delay the
// send itself; relay.attack40.max.ms's note gives the worst latency counted from the schedule instead,
// as a client on another machine would see it. Machines differ, so relay.attack40.ratio compares the
// attack's p95 with the idle p95 of the same run. The whole run takes about 15 s.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { createRelay, type Relay } from '../server/relay.ts';
import { withDefaults } from '../server/relay-options.ts';
import { median, round, type Results } from './measure.ts';
import type { FloodCounters, FloodOptions } from './relay-flood.worker.ts';

export const targets = {
  'relay.attack40.max.ms': '≤ 1000',
};

const SAMPLES = 200;
const WARMUP = 50;
/** One publish from the pair every 25 ms: 40 a second, under the per-connection 50. */
const INTERVAL_MS = 25;
/** About an SDP offer, encrypted and base64'd, as y-webrtc publishes it. */
const GOOD_PAD = 'o'.repeat(1200);
/** How long to wait for the last publishes of a series before counting the rest as lost. */
const DEADLINE_MS = 15_000;

const ATTACKERS = 40;
const ATTACK_MESSAGE_BYTES = 64 * 1024;
/** Just under the relay's per-connection 50 a second (the worker rounds its interval up: 47.6). */
const ATTACK_PER_SECOND = 48;
/** Flooding before the samples begin: connections set up, the address's burst spent. */
const SETTLE_MS = 1000;

const GOOD_ADDRESS = '127.0.0.1';
const ATTACK_ADDRESS = '127.0.0.2';
const MiB = 1024 * 1024;

interface Running {
  url: string;
  relay: Relay;
  server: Server;
}

async function startRelay(): Promise<Running> {
  const relay = createRelay();
  const server = createServer((_req, res) => res.end('relay bench'));
  relay.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/signal`, relay, server };
}

async function stopRelay({ relay, server }: Running): Promise<void> {
  await relay.close();
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

async function connect(url: string, localAddress: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { localAddress, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Resolves once the relay has handled everything `ws` sent before (its pong is back). */
function settled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      if (String(data) !== '{"type":"pong"}') return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.send('{"type":"ping"}');
  });
}

interface Series {
  /** Milliseconds from publish to arrival, in the order they arrived (then the lost ones, to the deadline). */
  latencies: number[];
  /**
   * The same counted from when each publish was due on the schedule: what a client elsewhere, whose
   * sends this thread's event loop (the relay's) could not hold up, would have seen. Includes the
   * timers' own lateness (a millisecond or so), so it is reported as a bound only.
   */
  fromSchedule: number[];
  /** Publishes that had not arrived DEADLINE_MS after the last was sent. */
  lost: number;
  /** How late (ms) this thread's event loop was to send each publish on schedule. */
  lateness: number[];
}

/** Two clients on a topic of their own: `from` publishes, `to` receives. */
class GoodPair {
  private seq = 0;
  /** Publishes not yet arrived: when each was due on the schedule and when it was sent. */
  private pending = new Map<number, { due: number; sent: number }>();
  private arrived: (seq: number, at: number) => void = () => {};

  private constructor(
    readonly from: WebSocket,
    readonly to: WebSocket,
    readonly topic: string,
  ) {
    to.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(String(data)) as { type?: string; data?: { seq?: number } };
      if (message.type === 'publish' && typeof message.data?.seq === 'number') this.arrived(message.data.seq, at);
    });
  }

  static async open(url: string, topic: string): Promise<GoodPair> {
    const [from, to] = await Promise.all([connect(url, GOOD_ADDRESS), connect(url, GOOD_ADDRESS)]);
    for (const ws of [from, to]) ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    await Promise.all([settled(from), settled(to)]);
    return new GoodPair(from, to, topic);
  }

  /** `count` publishes, one every INTERVAL_MS on a fixed schedule; resolves when all have arrived or the deadline passed. */
  async series(count: number): Promise<Series> {
    const latencies: number[] = [];
    const fromSchedule: number[] = [];
    const lateness: number[] = [];
    this.pending.clear();
    let allIn: () => void = () => {};
    const all = new Promise<void>((resolve) => (allIn = resolve));
    this.arrived = (seq, at) => {
      const publish = this.pending.get(seq);
      if (publish === undefined) return;
      this.pending.delete(seq);
      latencies.push(at - publish.sent);
      fromSchedule.push(at - publish.due);
      if (latencies.length === count) allIn();
    };
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const due = start + i * INTERVAL_MS;
      for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(Math.ceil(wait));
      const seq = this.seq++;
      const text = JSON.stringify({ type: 'publish', topic: this.topic, data: { seq, pad: GOOD_PAD } });
      const now = performance.now();
      lateness.push(now - due);
      this.pending.set(seq, { due, sent: now });
      this.from.send(text);
    }
    const timeout = new AbortController();
    await Promise.race([all, sleep(DEADLINE_MS, undefined, { signal: timeout.signal }).catch(() => {})]);
    timeout.abort();
    const waited = performance.now();
    this.arrived = () => {};
    // A lost publish counts as arriving at the deadline: a lower bound, never an omission.
    for (const { due, sent } of this.pending.values()) {
      latencies.push(waited - sent);
      fromSchedule.push(waited - due);
    }
    return { latencies, fromSchedule, lost: this.pending.size, lateness };
  }

  close(): void {
    this.from.terminate();
    this.to.terminate();
  }
}

/** The nearest-rank percentile `p` (0–100) of `xs`. */
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

// ---- the attacker's thread ----

/**
 * Starts bench/relay-flood.worker.ts. tsx's loader is not inherited by worker threads, so the
 * thread starts from a line of JavaScript that registers it and then imports the TypeScript.
 */
function startFlooder(options: FloodOptions): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const script = new URL('./relay-flood.worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true, workerData: options });
}

type FloodReport = FloodCounters & { type: string };

/** The flooder's next report of `type`; rejects if it reports a failure, throws or exits first. */
function nextReport(worker: Worker, type: string): Promise<FloodReport> {
  return new Promise((resolve, reject) => {
    const off = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: FloodReport & { why?: string }): void => {
      if (m.type === 'failed') {
        off();
        reject(new Error(`relay bench: the flooder failed: ${m.why}`));
      } else if (m.type === type) {
        off();
        resolve(m);
      }
    };
    const onError = (error: Error): void => {
      off();
      reject(error);
    };
    const onExit = (code: number): void => {
      off();
      reject(new Error(`relay bench: the flooder exited (${code}) before reporting ${type}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

function ask(worker: Worker, request: string, answer: string): Promise<FloodReport> {
  const report = nextReport(worker, answer);
  worker.postMessage(request);
  return report;
}

// ---- the benchmark ----

export default async function relayBenchmarks(results: Results): Promise<void> {
  const limits = withDefaults({});
  const budgetMiBps = limits.addressBytes / MiB;
  const running = await startRelay();
  let pair: GoodPair | null = null;
  let worker: Worker | null = null;
  try {
    pair = await GoodPair.open(running.url, 'good-pair');

    // Idle: warm the relay's and the clients' code up, then the samples.
    await pair.series(WARMUP);
    const idle = await pair.series(SAMPLES);

    // Under attack.
    worker = startFlooder({
      url: running.url,
      localAddress: ATTACK_ADDRESS,
      connections: ATTACKERS,
      topic: 'flood',
      messageBytes: ATTACK_MESSAGE_BYTES,
      perSecond: ATTACK_PER_SECOND,
      maxQueuedBytes: 1 * MiB,
    });
    await nextReport(worker, 'ready');
    worker.postMessage('start');
    await sleep(SETTLE_MS);
    const before = await ask(worker, 'mark', 'mark');
    const attack = await pair.series(SAMPLES);
    const after = await ask(worker, 'stop', 'done');
    await worker.terminate();
    worker = null;

    const seconds = (after.at - before.at) / 1000;
    const deliveredMiBps = (after.receivedBytes - before.receivedBytes) / MiB / seconds;
    const relayedPerSecond = (after.receivedMessages - before.receivedMessages) / (ATTACKERS - 1) / seconds;
    const sentPerSecond = (after.sent - before.sent) / seconds;
    const askedMiBps = (ATTACKERS * (1000 / Math.ceil(1000 / ATTACK_PER_SECOND)) * ATTACK_MESSAGE_BYTES * (ATTACKERS - 1)) / MiB;
    // The budget charges each message once for reading it and once per receiver; the attacker sees
    // only the deliveries: receivers / (receivers + 1) of the budget.
    const expectedMiBps = (budgetMiBps * (ATTACKERS - 1)) / ATTACKERS;

    const stats = (s: Series) => ({
      p50: median(s.latencies),
      p95: percentile(s.latencies, 95),
      max: Math.max(...s.latencies),
      maxFromSchedule: Math.max(...s.fromSchedule),
      late: Math.max(...s.lateness),
      lost: s.lost,
    });
    const i = stats(idle);
    const a = stats(attack);
    const lostNote = (s: ReturnType<typeof stats>): string =>
      s.lost > 0 ? `; ${s.lost} of ${SAMPLES} never arrived within ${DEADLINE_MS / 1000} s (counted as arrived then)` : '';
    const goodBytes = Buffer.byteLength(JSON.stringify({ type: 'publish', topic: pair.topic, data: { seq: 100, pad: GOOD_PAD } }));
    const pairNote = `${SAMPLES} publishes of ${goodBytes} bytes every ${INTERVAL_MS} ms between two clients at ${GOOD_ADDRESS}`;

    results['relay.idle.p50.ms'] = { value: round(i.p50), unit: 'ms', note: `${pairNote}, after ${WARMUP} warm-up, no attack` };
    results['relay.idle.p95.ms'] = { value: round(i.p95), unit: 'ms', note: `max ${round(i.max)} ms${lostNote(i)}` };
    results['relay.attack40.p50.ms'] = {
      value: round(a.p50),
      unit: 'ms',
      note:
        `the same, while ${ATTACKERS} connections at ${ATTACK_ADDRESS} publish ${ATTACK_MESSAGE_BYTES / 1024} KiB ` +
        `${ATTACK_PER_SECOND}/s each to a topic they share (flooder in a worker thread; samples from ${SETTLE_MS} ms into the flood)`,
    };
    results['relay.attack40.p95.ms'] = { value: round(a.p95), unit: 'ms' };
    results['relay.attack40.max.ms'] = {
      value: round(a.max),
      unit: 'ms',
      note:
        `counted from each publish's place on the schedule instead, max ${round(a.maxFromSchedule)} ms (idle ${round(i.maxFromSchedule)} ms): ` +
        `this thread, the relay's, was up to ${round(a.late)} ms late to send on schedule (idle ${round(i.late)} ms)${lostNote(a)}`,
    };
    results['relay.attack40.ratio'] = {
      value: round(a.p95 / i.p95),
      unit: '×',
      note: 'relay.attack40.p95.ms ÷ relay.idle.p95.ms, same run',
    };
    results['relay.attack40.delivered.MiBps'] = {
      value: round(deliveredMiBps, 1),
      unit: 'MiB/s',
      note:
        `delivered to the attacker during the samples (${seconds.toFixed(1)} s), against ${round(askedMiBps, 0)} MiB/s asked for; ` +
        `the per-address budget of ${budgetMiBps} MiB/s, read once + ${ATTACKERS - 1} deliveries, allows ${round(expectedMiBps, 1)} delivered. ` +
        `It relayed ${round(relayedPerSecond, 1)} of ${round(sentPerSecond, 0)} publishes/s handed to its sockets` +
        (after.closes.length > 0 ? `; ${after.closes.length} attacker connections closed (${[...new Set(after.closes)].join(', ')})` : '; no attacker connection closed'),
    };
  } finally {
    if (worker) await worker.terminate();
    pair?.close();
    await stopRelay(running);
  }
}
