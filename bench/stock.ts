// Test-only page script for bench/sync.bench.ts: stock y-webrtc (its own simple-peer, no ChunkedPeer,
// no app) on a bare Y.Doc, the yardstick the sync ratios divide by. The bench bundles it with Vite
// and `configFile: false` (so the app's simple-peer alias does not apply) and injects it with
// addScriptTag into pages of the preview server's origin. It is not an entry of the app build.
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';

const now = (): number => performance.timeOrigin + performance.now();

let doc = new Y.Doc();
let provider: WebrtcProvider | null = null;
const notes = (): Y.Map<Y.Map<unknown>> => doc.getMap('notes');

/** A note's entries as the app stores them (a plain copy of one of its notes' Y.Map), to write with another body. */
type Template = Record<string, unknown>;

function noteMap(template: Template, body: string, i: number): Y.Map<unknown> {
  const entries = new Map<string, unknown>(Object.entries(template));
  const fixed = entries.get('t');
  if (Array.isArray(fixed)) {
    // Same packed fields as the app's (start, end and time at the app's positions), so the same sizes.
    const copy = [...fixed];
    copy[3] = i % 20;
    copy[5] = (i % 20) + 5;
    copy[copy.length - 1] = Date.now();
    entries.set('t', copy);
  }
  entries.set('b', body);
  return new Y.Map<unknown>(entries);
}

function join(roomName: string, password: string, signaling: string): void {
  provider = new WebrtcProvider(roomName, doc, { signaling: [signaling], password, peerOpts: { config: { iceServers: [] } } });
}

/** WebRTC connections that are open (separate contexts share no BroadcastChannel). */
function peers(): number {
  let n = 0;
  for (const conn of provider?.room?.webrtcConns.values() ?? []) if (conn.connected) n++;
  return n;
}

interface Seen {
  /** When B's map observer saw the entry. */
  arrived: number;
  /** The first frame after its text was put on the page: the same end point as the app's note-to-paint. */
  painted: number;
}
const seen = new Map<string, Promise<Seen>>();

/** Starts watching for `key` (call before the writer writes); `arrived(key)` then gives when it came and was painted. */
function expect(key: string): void {
  seen.set(
    key,
    new Promise<Seen>((resolve) => {
      const map = notes();
      const observer = (event: Y.YMapEvent<Y.Map<unknown>>): void => {
        if (!event.keysChanged.has(key) || !map.has(key)) return;
        const arrivedAt = now();
        map.unobserve(observer);
        // The least a view can do with it: show its text.
        let out = document.getElementById('stock-seen');
        if (!out) {
          out = document.createElement('output');
          out.id = 'stock-seen';
          document.body.append(out);
        }
        out.textContent = key;
        requestAnimationFrame(() => resolve({ arrived: arrivedAt, painted: now() }));
      };
      map.observe(observer);
    }),
  );
}

function arrived(key: string): Promise<Seen> {
  const p = seen.get(key);
  if (!p) throw new Error(`not watching ${key}`);
  seen.delete(key);
  return p;
}

/** Writes one note-shaped entry in one transaction; returns the wall time just before. */
function set(key: string, template: Template, i: number): number {
  const at = now();
  doc.transact(() => notes().set(key, noteMap(template, key, i)));
  return at;
}

function remove(key: string): void {
  notes().delete(key);
}

/** `count` notes, one transaction each with a macrotask between, as the app bench writes them; returns the time of the first. */
async function write(prefix: string, count: number, template: Template): Promise<number> {
  const t0 = now();
  for (let i = 0; i < count; i++) {
    const key = `${prefix}${i}`;
    doc.transact(() => notes().set(key, noteMap(template, key, i)));
    await new Promise((r) => setTimeout(r, 0));
  }
  return t0;
}

/** Resolves with the wall time at which the doc first holds `size` notes, counted on its update event. */
function whenSize(size: number): Promise<number> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (notes().size < size) return;
      doc.off('update', check);
      resolve(now());
    };
    doc.on('update', check);
    check();
  });
}

function count(): number {
  return notes().size;
}

function leave(): void {
  provider?.disconnect();
  provider?.destroy();
  provider = null;
  doc.destroy();
  doc = new Y.Doc();
}

(globalThis as Record<string, unknown>).stockBench = { join, peers, expect, arrived, set, remove, write, whenSize, count, leave };
