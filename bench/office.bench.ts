// The office peer under a room of 50, on real processes on 127.0.0.1 (tests/helpers/office-cluster.ts):
//
// office.converge50.ms — two `npm run office` instances sharing rooms through one redis-server, behind
//   a round-robin TCP balancer; 50 headless @hocuspocus/provider clients (25 on each instance) in one
//   room of the review doc format, each writing 20 notes (one transaction each, as the app writes
//   them), all at once. Timed from the first write to every client holding all 1,000 notes; the
//   median of 3 rooms. All 50 clients share this process's event loop, so the figure includes their
//   own work (applying 49 × 20 remote notes each), as 50 browsers would do it in parallel.
// office.converge50.msgs — frames the 50 clients received in that run (the fan-out's cost).
// office.presence50.rx_per_s.unthrottled — one instance; 50 clients each set their selection in
//   awareness 20 times a second for 3 s, no throttling: awareness updates one client receives per
//   second (the figure client-side throttling in src/lib/sync/presence.ts is to bring down). On a
//   small machine the 50 clients in this one process cannot keep up 20/s each; the note says how many
//   they sent, and what 20/s would give.
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { handBuiltIssue } from '../tests/unit/helpers/issue-fixture.ts';
import { startOfficeCluster } from '../tests/helpers/office-cluster.ts';
import { noteCount, noteEntries, officeClient, reviewDoc, until, writeNote, type OfficeClient } from '../tests/helpers/office-client.ts';
import { readIssue } from '../src/lib/review/index.ts';
import { median, round, type Results } from './measure.ts';

export const targets = {
  // An extreme burst (50 people each adding 20 notes at the same instant) settling for everyone within
  // 10 s, on a 2-core machine that also runs both instances, Redis and all 50 clients: each person's
  // notes have reached everyone well before they could have read them.
  'office.converge50.ms': '≤ 10000',
  'office.converge50.msgs': 'report',
  'office.presence50.rx_per_s.unthrottled': 'report',
};

const CLIENTS = 50;
const NOTES = 20;
const RUNS = 3;
const PRESENCE_HZ = 20;
const PRESENCE_MS = 3000;

const issue = handBuiltIssue();
const author = (i: number) => ({ id: `bench${i}`, name: `校对${i}`, colour: '#1d4ed8' });

async function openRoom(url: string, room: string, key: string): Promise<OfficeClient[]> {
  const clients = [officeClient(url, room, key, reviewDoc(issue))];
  await clients[0]!.synced;
  for (let i = 1; i < CLIENTS; i++) clients.push(officeClient(url, room, key, new Y.Doc()));
  await Promise.all(clients.map((c) => c.synced));
  await Promise.all(clients.map((c) => until(c.doc, (d) => readIssue(d).issue !== null)));
  return clients;
}

async function converge(url: string, room: string, key: string): Promise<{ ms: number; msgs: number }> {
  const clients = await openRoom(url, room, key);
  let msgs = 0;
  for (const c of clients) c.provider.on('message', () => msgs++);
  const done = Promise.all(clients.map((c) => until(c.doc, (d) => noteEntries(d) === CLIENTS * NOTES)));
  const t0 = performance.now();
  for (let n = 0; n < NOTES; n++) clients.forEach((c, i) => writeNote(c.doc, issue, author(i), `client ${i} note ${n}`));
  await done;
  const ms = performance.now() - t0;
  // Every note readable by the app, not just present.
  for (const c of clients) if (noteCount(c.doc) !== CLIENTS * NOTES) throw new Error('a client holds an unreadable note');
  for (const c of clients) c.destroy();
  return { ms, msgs };
}

async function presence(url: string, key: string): Promise<{ rx: number; tx: number }> {
  const clients = await openRoom(url, 'proofroom:bench-presence-room-0001', key);
  let received = 0;
  let sent = 0;
  let counting = false;
  for (const c of clients) {
    c.provider.awareness!.on('update', (_change: unknown, origin: unknown) => {
      if (counting && origin !== 'local') received++;
    });
  }
  const timers = clients.map((c, i) =>
    setInterval(() => {
      if (counting) sent++;
      const at = Math.floor(Math.random() * 20);
      c.provider.setAwarenessField('selection', { blockId: 'a1.4', start: at, end: at + 2, who: i });
    }, 1000 / PRESENCE_HZ),
  );
  await sleep(500);
  counting = true;
  await sleep(PRESENCE_MS);
  counting = false;
  for (const t of timers) clearInterval(t);
  for (const c of clients) c.destroy();
  const seconds = PRESENCE_MS / 1000;
  return { rx: received / CLIENTS / seconds, tx: sent / CLIENTS / seconds };
}

export default async function officeBenchmarks(results: Results): Promise<void> {
  const cluster = await startOfficeCluster({ instances: 2, redis: true });
  try {
    const runs: { ms: number; msgs: number }[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await converge(cluster.balancerUrl, `proofroom:bench-converge-room-${r}000`, cluster.key));
    results['office.converge50.ms'] = {
      value: round(median(runs.map((r) => r.ms)), 0),
      unit: 'ms',
      note: `${CLIENTS} clients × ${NOTES} notes, 2 instances + Redis via a balancer; runs ${runs.map((r) => Math.round(r.ms)).join(', ')} ms`,
    };
    results['office.converge50.msgs'] = {
      value: median(runs.map((r) => r.msgs)),
      unit: 'frames',
      note: 'received by all 50 clients in one run (median)',
    };
  } finally {
    await cluster.stop();
  }
  const single = await startOfficeCluster({ instances: 1, redis: false });
  try {
    const { rx, tx } = await presence(single.instances[0]!.url, single.key);
    results['office.presence50.rx_per_s.unthrottled'] = {
      value: round(rx, 0),
      unit: 'msgs/s',
      note: `awareness updates one client receives a second; ${CLIENTS} clients aiming at ${PRESENCE_HZ}/s each managed ${round(tx, 1)}/s (this one process drives all 50 and is saturated by what they receive), one instance, no throttling; every update arrives (≈ ${CLIENTS - 1} × sent), so at ${PRESENCE_HZ}/s a client would get ${(CLIENTS - 1) * PRESENCE_HZ}/s`,
    };
  } finally {
    await single.stop();
  }
}
