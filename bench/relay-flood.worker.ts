// The attacker for bench/relay.bench.ts, in a thread of its own (as another host would be): `connections`
// WebSockets from one local address, all subscribed to one topic, each publishing `messageBytes`-byte
// messages `perSecond` times a second, under the relay's per-connection rate so that limit never
// closes them. Each message the relay reads goes to the other connections-1, so the relay is asked to
// deliver connections × perSecond × messageBytes × (connections-1) bytes a second; it should hold
// this address to its byte budget by not reading it. The attacker reads everything it is sent, so
// the relay never cuts it off as a slow reader.
//
// Messages from the bench: 'start' (begin publishing), 'mark' (answer with the counters and this
// thread's clock), 'stop' (stop, close every socket, answer with the final counters).
// Messages to the bench: { type: 'ready' } once every connection is open and subscribed, then
// { type: 'mark' | 'done', ...FloodCounters } on request, or { type: 'failed', why }.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface FloodOptions {
  url: string;
  localAddress: string;
  connections: number;
  topic: string;
  /** Length of each publish's JSON text: the relay's largest message is 64 KiB. */
  messageBytes: number;
  /** Publishes per second per connection: the relay allows 50, bursts of 100. */
  perSecond: number;
  /** A connection with more than this queued unsent skips its turn instead of queueing more. */
  maxQueuedBytes: number;
}

export interface FloodCounters {
  /** Publishes handed to a socket. */
  sent: number;
  /** Turns skipped because the socket still had maxQueuedBytes or more queued: the relay was not reading. */
  skipped: number;
  /** Messages and bytes the relay delivered to the attacker's connections. */
  receivedMessages: number;
  receivedBytes: number;
  /** Close codes of connections that closed while the flood was on (the relay closing or cutting one off). */
  closes: number[];
  /** performance.now() in this thread, when the counters were read. */
  at: number;
}

const port = parentPort;
if (!port) throw new Error('relay-flood.worker.ts runs as a worker thread');
const options = workerData as FloodOptions;

/** `{"type":"publish","topic":…,"data":"xxx…"}`, padded so that the whole text is exactly `bytes` long. */
function publishOfLength(topic: string, bytes: number): Buffer {
  const empty = JSON.stringify({ type: 'publish', topic, data: '' });
  const text = JSON.stringify({ type: 'publish', topic, data: 'x'.repeat(bytes - empty.length) });
  const buffer = Buffer.from(text);
  if (buffer.length !== bytes) throw new Error(`publish is ${buffer.length} bytes, not ${bytes}`);
  return buffer;
}

const payload = publishOfLength(options.topic, options.messageBytes);
const sockets: WebSocket[] = [];
const counters = { sent: 0, skipped: 0, receivedMessages: 0, receivedBytes: 0, closes: [] as number[] };
let subscribed = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let stopping = false;

const snapshot = (): FloodCounters => ({ ...counters, closes: [...counters.closes], at: performance.now() });

for (let i = 0; i < options.connections; i++) {
  const ws = new WebSocket(options.url, { localAddress: options.localAddress, perMessageDeflate: false });
  sockets.push(ws);
  let ready = false;
  ws.on('error', () => {});
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'subscribe', topics: [options.topic] }));
    // The pong comes back only once the relay has handled the subscribe before it.
    ws.send('{"type":"ping"}');
  });
  ws.on('message', (data: WebSocket.RawData) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (!ready) {
      ready = true; // the pong
      if (++subscribed === options.connections) port.postMessage({ type: 'ready' });
      return;
    }
    counters.receivedMessages++;
    counters.receivedBytes += size;
  });
  ws.on('close', (code: number) => {
    if (stopping) return;
    counters.closes.push(code);
    if (!ready) port.postMessage({ type: 'failed', why: `an attacker connection closed before it was subscribed (${code})` });
  });
}

function start(): void {
  // One turn per connection every whole number of ms at or above 1000/perSecond: Node's intervals do
  // not catch up after a late turn, so no connection ever sends faster than perSecond.
  timer = setInterval(() => {
    for (const ws of sockets) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount >= options.maxQueuedBytes) {
        counters.skipped++;
        continue;
      }
      ws.send(payload, { binary: false });
      counters.sent++;
    }
  }, Math.ceil(1000 / options.perSecond));
}

port.on('message', (message: unknown) => {
  if (message === 'start') start();
  else if (message === 'mark') port.postMessage({ type: 'mark', ...snapshot() });
  else if (message === 'stop') {
    stopping = true;
    if (timer) clearInterval(timer);
    const final = snapshot();
    for (const ws of sockets) ws.terminate();
    port.postMessage({ type: 'done', ...final });
  }
});
