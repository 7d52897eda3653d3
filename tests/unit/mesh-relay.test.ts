// The relay policy on a simulated mesh: y-webrtc's room reduced to what MeshRelay touches, data
// channels replaced by synchronous calls that mark the delivering peer as ChunkedPeer does. Real
// Y.Docs, real y-sync messages, real awareness. (The WebRTC path itself is covered in e2e.)

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MeshRelay, REPAIR_MS, mustSend, readRelayState } from '../../src/lib/sync/mesh-relay.ts';
import { deliverFrom } from '../../src/lib/sync/delivery.ts';

interface FakeConn {
  peer: { send(m: Uint8Array): void };
  connected: boolean;
  /** y-webrtc: the first sync with this peer is done. */
  synced: boolean;
}

class SimPeer {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly room: {
    peerId: string;
    doc: Y.Doc;
    webrtcConns: Map<string, FakeConn>;
    bcConns: Set<string>;
    bcconnected: boolean;
    provider: { connected: boolean };
    _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  };
  readonly relay: MeshRelay;
  /** y-sync messages received. */
  received = 0;
  /** Of which step 1: a neighbour asking for what it lacks. */
  asked = 0;

  constructor(readonly id: string) {
    const room = {
      peerId: id,
      doc: this.doc,
      webrtcConns: new Map<string, FakeConn>(),
      bcConns: new Set<string>(),
      bcconnected: false,
      provider: { connected: true },
      // Stock y-webrtc: every update, own or received, to every peer.
      _docUpdateHandler: (update: Uint8Array) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeUpdate(encoder, update);
        const m = encoding.toUint8Array(encoder);
        room.webrtcConns.forEach((conn) => conn.peer.send(m));
      },
    };
    this.room = room;
    this.doc.on('update', room._docUpdateHandler); // as Room.connect() does
    const provider = { key: Promise.resolve(null), room };
    this.relay = new MeshRelay(provider as never, this.awareness);
  }

  /** What y-webrtc's readMessage does with a y-sync message, answering step 1 with step 2. */
  receive(from: SimPeer, message: Uint8Array): void {
    const conn = this.room.webrtcConns.get(from.id);
    if (!conn) return; // the link is gone
    this.received++;
    deliverFrom(conn.peer, () => {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(0);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this.room);
      if (type === syncProtocol.messageYjsSyncStep1) {
        this.asked++;
        from.receive(this, encoding.toUint8Array(encoder));
      }
    });
  }

  note(id: string): void {
    this.doc.getMap('notes').set(id, `from ${this.id}`);
  }

  get notes(): string[] {
    return [...this.doc.getMap('notes').keys()].sort();
  }
}

function link(a: SimPeer, b: SimPeer): void {
  a.room.webrtcConns.set(b.id, { peer: { send: (m) => b.receive(a, m) }, connected: true, synced: true });
  b.room.webrtcConns.set(a.id, { peer: { send: (m) => a.receive(b, m) }, connected: true, synced: true });
}

function cut(a: SimPeer, b: SimPeer): void {
  a.room.webrtcConns.delete(b.id);
  b.room.webrtcConns.delete(a.id);
}

/** Each peer publishes its links (as Room does), and every awareness state reaches everyone. */
function publishLinks(peers: SimPeer[]): void {
  for (const p of peers) p.relay.setLinks([...p.room.webrtcConns.keys()]);
  for (const from of peers) {
    const update = encodeAwarenessUpdate(from.awareness, [from.doc.clientID]);
    for (const to of peers) if (to !== from) applyAwarenessUpdate(to.awareness, update, 'sim');
  }
}

async function mesh(ids: string[], pairs: Array<[number, number]> | 'full'): Promise<SimPeer[]> {
  const peers = ids.map((id) => new SimPeer(id));
  await Promise.resolve(); // MeshRelay installs once y-webrtc's key promise settles
  await Promise.resolve();
  const all: Array<[number, number]> = [];
  for (let i = 0; i < peers.length; i++) for (let j = i + 1; j < peers.length; j++) all.push([i, j]);
  for (const [i, j] of pairs === 'full' ? all : pairs) link(peers[i]!, peers[j]!);
  return peers;
}

let peers: SimPeer[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const p of peers) p.relay.destroy();
  peers = [];
  vi.useRealTimers();
});

describe('mustSend', () => {
  it('sends own updates to everyone and a peer’s only where its sender has no link', () => {
    expect(mustSend('b', null, undefined)).toBe(true);
    expect(mustSend('b', 'a', undefined)).toBe(true); // links unknown: relay, as y-webrtc does
    expect(mustSend('a', 'a', undefined)).toBe(false); // never back to the sender
    expect(mustSend('b', 'a', new Set(['b', 'c']))).toBe(false);
    expect(mustSend('d', 'a', new Set(['b', 'c']))).toBe(true);
  });
});

describe('readRelayState', () => {
  it('reads a well-formed state and rejects anything else', () => {
    expect(readRelayState({ relay: { peer: 'p-1', links: ['a', 'b'] } })).toEqual({ peer: 'p-1', links: ['a', 'b'] });
    expect(readRelayState({ user: {} })).toBeNull();
    expect(readRelayState(null)).toBeNull();
    expect(readRelayState({ relay: { peer: '<img>', links: [] } })).toBeNull();
    expect(readRelayState({ relay: { peer: 'p', links: 'a,b' } })).toBeNull();
    expect(readRelayState({ relay: { peer: 'p', links: [1] } })).toBeNull();
    expect(readRelayState({ relay: { peer: 'p', links: Array.from({ length: 300 }, (_, i) => `p${i}`) } })).toBeNull();
  });
});

describe('MeshRelay', () => {
  it('in a full mesh, every peer receives each note exactly once and nobody relays', async () => {
    peers = await mesh(['a', 'b', 'c', 'd', 'e'], 'full');
    publishLinks(peers);
    for (const p of peers) p.received = 0;
    peers[0]!.note('n1');
    peers[3]!.note('n2');
    for (const p of peers) expect(p.notes).toEqual(['n1', 'n2']);
    // Each of the 4 others got each of the 2 notes once: nothing echoed.
    for (const p of peers) expect(p.received).toBe(p === peers[0] || p === peers[3] ? 1 : 2);
    expect(peers.reduce((n, p) => n + p.relay.stats.relayed, 0)).toBe(0);
  });

  it('stock behaviour echoes: the same mesh without link news relays every update', async () => {
    peers = await mesh(['a', 'b', 'c'], 'full');
    for (const p of peers) p.received = 0;
    peers[0]!.note('n1');
    for (const p of peers) expect(p.notes).toEqual(['n1']);
    expect(peers[1]!.relay.stats.relayed + peers[2]!.relay.stats.relayed).toBeGreaterThan(0);
  });

  it('a peer in the middle passes notes on between two that cannot reach each other', async () => {
    peers = await mesh(['a', 'b', 'c'], [
      [0, 1],
      [1, 2],
    ]);
    publishLinks(peers);
    peers[0]!.note('from-a');
    peers[2]!.note('from-c');
    for (const p of peers) expect(p.notes).toEqual(['from-a', 'from-c']);
    expect(peers[1]!.relay.stats.relayed).toBe(2);
  });

  it('a longer chain with a full triangle at one end still reaches everyone', async () => {
    peers = await mesh(['a', 'b', 'c', 'd'], [
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 3],
    ]);
    publishLinks(peers);
    peers[0]!.note('x');
    peers[3]!.note('y');
    for (const p of peers) expect(p.notes).toEqual(['x', 'y']);
  });

  it('when link news is stale, the repair after a link change brings what was missed', async () => {
    peers = await mesh(['a', 'b', 'c'], 'full');
    publishLinks(peers);
    const [a, b, c] = peers as [SimPeer, SimPeer, SimPeer];
    cut(a, c); // b still believes a and c are linked
    a.note('lost-in-the-gap');
    expect(b.notes).toEqual(['lost-in-the-gap']);
    expect(c.notes).toEqual([]);
    // c notices its own link change and asks its remaining neighbour once things settle.
    c.relay.setLinks([...c.room.webrtcConns.keys()]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(c.notes).toEqual(['lost-in-the-gap']);
  });

  it('the periodic repair catches up a peer even with no link change seen', async () => {
    peers = await mesh(['a', 'b', 'c'], 'full');
    publishLinks(peers);
    await vi.advanceTimersByTimeAsync(1_000);
    const [a, b, c] = peers as [SimPeer, SimPeer, SimPeer];
    const ac = a.room.webrtcConns.get('c')!;
    const drop = { ...ac };
    a.room.webrtcConns.set('c', { ...ac, peer: { send: () => undefined } }); // a's messages to c vanish
    a.note('dropped');
    expect(b.notes).toEqual(['dropped']);
    expect(c.notes).toEqual([]);
    a.room.webrtcConns.set('c', drop);
    await vi.advanceTimersByTimeAsync(REPAIR_MS + 10);
    expect(c.notes).toEqual(['dropped']);
  });

  it('does not ask a neighbour that is still in its first sync', async () => {
    peers = await mesh(['a', 'b'], 'full');
    const [a, b] = peers as [SimPeer, SimPeer];
    a.room.webrtcConns.get('b')!.synced = false;
    a.relay.setLinks(['b']);
    await vi.advanceTimersByTimeAsync(REPAIR_MS + 10);
    expect(b.asked).toBe(0);
    a.room.webrtcConns.get('b')!.synced = true;
    await vi.advanceTimersByTimeAsync(REPAIR_MS);
    expect(b.asked).toBe(1);
  });

  it('gives y-webrtc its own handler back when destroyed', async () => {
    peers = await mesh(['a', 'b', 'c'], 'full');
    publishLinks(peers);
    for (const p of peers) p.relay.destroy();
    for (const p of peers) p.received = 0;
    peers[0]!.note('n');
    for (const p of peers) expect(p.notes).toEqual(['n']);
    expect(peers[1]!.received + peers[2]!.received).toBeGreaterThan(2); // echoes again
  });
});
