// office.presence50.rx_per_s: a room of 50 on one office instance, each client moving its selection 20
// times a second for 3 s through the app's own code path (src/lib/sync/office-peer.ts, which sends
// only the client's own state, and src/lib/sync/presence.ts, throttled to PRESENCE_THROTTLE_MS):
// presence messages one client receives a second. Compare office.presence50.rx_per_s.unthrottled
// (bench/office.bench.ts: the stock provider, every change sent).
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { OfficePeer } from '../src/lib/sync/office-peer.ts';
import { Presence, PRESENCE_THROTTLE_MS } from '../src/lib/sync/presence.ts';
import { startOfficeCluster } from '../tests/helpers/office-cluster.ts';
import { round, type Results } from './measure.ts';

export const targets = {
  // 49 colleagues at one message per 500 ms each is at most 98 a second, however fast they drag.
  'office.presence50.rx_per_s': '≤ 100',
};

const CLIENTS = 50;
const HZ = 20;
const MS = 3000;
const ROOM = 'proofroom:bench-presence-quiet-0001';

export default async function officePresenceBenchmarks(results: Results): Promise<void> {
  const office = await startOfficeCluster({ instances: 1, redis: false });
  const peers: OfficePeer[] = [];
  const presences: Presence[] = [];
  try {
    const creds = { url: office.instances[0]!.url, key: office.key };
    for (let i = 0; i < CLIENTS; i++) peers.push(new OfficePeer(new Y.Doc(), ROOM, creds, WebSocket));
    await Promise.all(
      peers.map((p) => new Promise<void>((resolve) => (p.status.state === 'connected' ? resolve() : p.on('status', (s) => s.state === 'connected' && resolve())))),
    );
    let received = 0;
    let counting = false;
    peers.forEach((p, i) => {
      presences.push(new Presence(p.awareness, { user: { id: `ubench${i}`, name: `校对${i}`, colour: '#1d4ed8' }, article: 'a1', selection: null, idle: false }, { throttleMs: PRESENCE_THROTTLE_MS }));
      p.awareness.on('update', (_change: unknown, origin: unknown) => {
        if (counting && origin !== 'local') received++;
      });
    });
    const timers = presences.map((presence) =>
      setInterval(() => {
        const at = Math.floor(Math.random() * 20);
        presence.update({ selection: { blockId: 'a1.4', start: at, endBlockId: 'a1.4', end: at + 2 } });
      }, 1000 / HZ),
    );
    await sleep(1000);
    counting = true;
    await sleep(MS);
    counting = false;
    for (const t of timers) clearInterval(t);
    results['office.presence50.rx_per_s'] = {
      value: round(received / CLIENTS / (MS / 1000), 0),
      unit: 'msgs/s',
      note: `presence updates one client receives a second; ${CLIENTS} clients moving their selection ${HZ}×/s for ${MS / 1000} s, one instance, the app's throttle (${PRESENCE_THROTTLE_MS} ms) and own-state-only sending`,
    };
  } finally {
    for (const p of presences) p.destroy();
    for (const p of peers) p.destroy();
    await office.stop();
  }
}
