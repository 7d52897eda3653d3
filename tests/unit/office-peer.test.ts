// The browser's office peer (src/lib/sync/office-peer.ts) against a real office server on loopback:
// the states the sync status shows, and presence that carries only a client's own state.
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startOffice, type Office } from '../../server/office.ts';
import { OfficePeer } from '../../src/lib/sync/office-peer.ts';
import type { OfficeState } from '../../src/lib/sync/office-status.ts';
import { Presence, type PresenceState } from '../../src/lib/sync/presence.ts';

const KEY = 'office-peer-test-key-0001';
const ROOM = 'proofroom:office-peer-test-room1';
let office: Office;
let dir: string;
const peers: OfficePeer[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'office-peer-'));
  office = await startOffice({ dataDir: dir, key: KEY, log: () => {} });
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

function peer(url: string, key = KEY, doc = new Y.Doc()): OfficePeer {
  const p = new OfficePeer(doc, ROOM, { url, key }, WebSocket);
  peers.push(p);
  return p;
}
const reaches = (p: OfficePeer, state: OfficeState): Promise<void> =>
  new Promise((resolve) => (p.status.state === state ? resolve() : p.on('status', (s) => s.state === state && resolve())));
const me = (id: string): PresenceState => ({ user: { id, name: id, colour: '#123456' }, article: 'a1', selection: null, idle: false });

describe('the office peer as the app sees it', () => {
  it('is connected once synced, refused with a wrong key (and stops trying), unreachable where nothing answers', async () => {
    const good = peer(office.url);
    await reaches(good, 'connected');
    expect(good.status).toEqual({ url: office.url, state: 'connected', synced: true });
    const bad = peer(office.url, 'not-the-office-key-at-all');
    await reaches(bad, 'refused');
    expect(bad.status.synced).toBe(false);
    // A closed port: nothing answers.
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((r) => spare.close(() => r()));
    const nowhere = peer(`ws://127.0.0.1:${port}`);
    await reaches(nowhere, 'unreachable');
  });

  it('sends only its own presence: what it hears from others is not echoed back to the office', async () => {
    const [a, b, c] = [peer(office.url), peer(office.url), peer(office.url)];
    await Promise.all([a, b, c].map((p) => reaches(p, 'connected')));
    const pa = new Presence(a.awareness, me('ua'));
    const pb = new Presence(b.awareness, me('ub'));
    const pc = new Presence(c.awareness, me('uc'));
    await new Promise<void>((resolve) => {
      const check = () => pc.peers.length === 2 && resolve();
      pc.on('change', check);
      check();
    });
    // Count what B and C send from now on while only A moves.
    let sentByOthers = 0;
    for (const p of [b, c]) p.provider.on('outgoingMessage', () => sentByOthers++);
    const heard = new Promise<void>((resolve) =>
      pc.on('change', (list) => list.some((x) => x.user.id === 'ua' && x.selection?.end === 9) && resolve()),
    );
    pa.update({ selection: { blockId: 'p1', start: 3, endBlockId: 'p1', end: 9 } });
    await heard;
    // Let B's handling settle: a round trip of A's next change arrives after anything B might have sent.
    const again = new Promise<void>((resolve) =>
      pc.on('change', (list) => list.some((x) => x.user.id === 'ua' && x.selection?.end === 11) && resolve()),
    );
    pa.update({ selection: { blockId: 'p1', start: 3, endBlockId: 'p1', end: 11 } });
    await again;
    expect(sentByOthers).toBe(0);
    expect(pb.peers.map((x) => x.user.id).sort()).toEqual(['ua', 'uc']);
    for (const p of [pa, pb, pc]) p.destroy();
  });
});
