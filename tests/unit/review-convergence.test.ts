// Three in-memory peers apply seeded random note operations while messages are delayed, dropped by
// disconnects and resent on reconnect (after Yjs's tests/testHelper.js). Whatever happens, they end
// with the same visible review: equal readNotes output.
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  createNote,
  deleteNote,
  deleteReply,
  editNote,
  editReply,
  readLedger,
  readNotes,
  revokeSignOff,
  setStatus,
  signOff,
  CATEGORIES,
  type Author,
  type Note,
} from '../../src/lib/review/index.ts';

const WIRE = { name: 'wire' };
// Peers 0 and 1 are one person on two devices, so the same note can be edited and deleted at once.
const USERS: Author[] = [
  { id: 'u1', name: '王敏', colour: '#aa0000' },
  { id: 'u1', name: '王敏', colour: '#aa0000' },
  { id: 'u2', name: 'Li Hua', colour: '#0000aa' },
];

class Network {
  readonly docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  readonly online = [true, true, true];
  /** queue[from][to]: updates in flight. */
  readonly queue: Uint8Array[][][] = this.docs.map(() => this.docs.map(() => []));

  constructor() {
    this.docs.forEach((doc, from) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === WIRE || !this.online[from]) return;
        this.docs.forEach((_, to) => {
          if (to !== from && this.online[to]) this.queue[from]![to]!.push(update);
        });
      }),
    );
  }

  /** Deliver one in-flight message, if any. */
  deliver(gen: prng.PRNG): boolean {
    const pending: [number, number][] = [];
    this.queue.forEach((row, from) => row.forEach((q, to) => q.length > 0 && pending.push([from, to])));
    if (pending.length === 0) return false;
    const [from, to] = prng.oneOf(gen, pending);
    Y.applyUpdate(this.docs[to]!, this.queue[from]![to]!.shift()!, WIRE);
    return true;
  }

  disconnect(i: number): void {
    this.online[i] = false;
    this.queue[i] = this.docs.map(() => []);
    this.queue.forEach((row) => (row[i] = []));
  }

  /** Rejoin: exchange state vectors with every online peer, as y-webrtc's sync step 1/2 does. */
  reconnect(i: number): void {
    this.online[i] = true;
    this.docs.forEach((other, j) => {
      if (j === i || !this.online[j]) return;
      const doc = this.docs[i]!;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), WIRE);
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), WIRE);
    });
  }

  settle(gen: prng.PRNG): void {
    this.docs.forEach((_, i) => this.online[i] || this.reconnect(i));
    while (this.deliver(gen));
  }
}

function run(seed: number, steps: number): { net: Network; stats: Record<string, number> } {
  const gen = prng.create(seed);
  const net = new Network();
  const stats: Record<string, number> = {};
  const count = (what: string, ok: boolean) => ok && (stats[what] = (stats[what] ?? 0) + 1);
  let clock = 1_700_000_000_000;
  const visible = (i: number): Note[] => readNotes(net.docs[i]!).notes;
  const pick = <T>(list: T[]): T | undefined => (list.length ? prng.oneOf(gen, list) : undefined);

  for (let step = 0; step < steps; step++) {
    clock += prng.int32(gen, 1, 5);
    const i = prng.int32(gen, 0, 2);
    const doc = net.docs[i]!;
    const me = USERS[i]!;
    const mine = () => visible(i).filter((n) => n.author.id === me.id);
    const roll = prng.int32(gen, 0, 99);
    if (roll < 25) {
      while (net.deliver(gen) && prng.bool(gen));
    } else if (roll < 40) {
      const start = prng.int32(gen, 0, 50);
      const suggest = prng.bool(gen);
      const r = createNote(
        doc,
        {
          target: { articleId: `a${prng.int32(gen, 1, 3)}`, blockId: 'b1', start, endBlockId: 'b1', end: start + 2, quote: '质量', prefix: '高', suffix: '发展' },
          kind: suggest ? 'suggestion' : 'comment',
          category: prng.oneOf(gen, [...CATEGORIES]),
          body: `note ${step}`,
          ...(suggest ? { suggestion: { op: 'replace' as const, text: '数量' } } : {}),
        },
        me,
        clock,
      );
      count('create', r.ok);
    } else if (roll < 50) {
      const n = pick(mine());
      if (n) count('edit', editNote(doc, n.id, me.id, { body: `edit ${step} by ${i}` }, clock).ok);
    } else if (roll < 55) {
      const n = pick(mine());
      if (n) count('delete', deleteNote(doc, n.id, me.id).ok);
    } else if (roll < 65) {
      const n = pick(visible(i));
      if (n) count('reply', addReply(doc, n.id, `reply ${step}`, me, clock).ok);
    } else if (roll < 70) {
      const n = pick(visible(i).filter((x) => x.replies.some((r) => r.author.id === me.id)));
      const r = n?.replies.find((x) => x.author.id === me.id);
      if (n && r) {
        count('reply-change', prng.bool(gen) ? editReply(doc, n.id, r.id, me.id, `re-edit ${step}`, clock).ok : deleteReply(doc, n.id, r.id, me.id).ok);
      }
    } else if (roll < 80) {
      const n = pick(visible(i));
      if (n) {
        const status = n.kind === 'suggestion' ? prng.oneOf(gen, ['open', 'accepted', 'rejected'] as const) : prng.oneOf(gen, ['open', 'resolved'] as const);
        count('status', setStatus(doc, n.id, status).ok);
      }
    } else if (roll < 85) {
      // The same person edits a note on one device while deleting it on the other.
      const shared = visible(0).filter((n) => n.author.id === 'u1' && visible(1).some((m) => m.id === n.id));
      const n = pick(shared);
      if (n) {
        const e = editNote(net.docs[0]!, n.id, 'u1', { body: `concurrent ${step}` }, clock).ok;
        const d = deleteNote(net.docs[1]!, n.id, 'u1').ok;
        count('edit+delete', e && d);
      }
    } else if (roll < 90) {
      const article = `a${prng.int32(gen, 1, 3)}`;
      count('ledger', prng.bool(gen) ? signOff(doc, article, me, clock).ok : revokeSignOff(doc, article, me.id).ok);
    } else if (roll < 95) {
      if (net.online[i]) net.disconnect(i);
      count('disconnect', true);
    } else {
      if (!net.online[i]) net.reconnect(i);
      count('reconnect', true);
    }
  }
  net.settle(gen);
  return { net, stats };
}

describe('three peers with random note operations and disconnects', () => {
  for (const seed of [1, 2, 3, 42, 1234, 9999, 31337, 271828]) {
    it(`converge to the same visible state (seed ${seed})`, () => {
      const { net, stats } = run(seed, 400);
      const [a, b, c] = net.docs.map((d) => readNotes(d));
      expect(a!.invalid).toEqual([]);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      const [la, lb, lc] = net.docs.map((d) => readLedger(d));
      expect(lb).toEqual(la);
      expect(lc).toEqual(la);
      // The run exercised what it claims to.
      for (const op of ['create', 'edit', 'delete', 'reply', 'status', 'disconnect']) expect(stats[op] ?? 0).toBeGreaterThan(0);
      expect(a!.notes.length).toBeGreaterThan(0);
    });
  }

  it('keep both notes when two people annotate the same passage at once', () => {
    const net = new Network();
    const gen = prng.create(7);
    const target = { articleId: 'a1', blockId: 'b1', start: 0, endBlockId: 'b1', end: 2, quote: '质量', prefix: '', suffix: '' };
    net.disconnect(2);
    createNote(net.docs[0]!, { target, kind: 'comment', category: 'typo', body: 'A' }, USERS[0]!, 1);
    createNote(net.docs[2]!, { target, kind: 'comment', category: 'typo', body: 'C' }, USERS[2]!, 1);
    net.settle(gen);
    expect(readNotes(net.docs[1]!).notes.map((n) => n.body).sort()).toEqual(['A', 'C']);
  });
});
