// The office peer (server/office.ts, server/office-cli.ts) on 127.0.0.1: only key holders get into
// Proofroom rooms and a refused client leaves nothing behind; a review written through it comes back
// from its SQLite file after the process restarts; hostile frames close the sender, not the server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readIssue, readNotes } from '../../src/lib/review/index.ts';
import { parseRedisUrl, startOffice, type Office } from '../../server/office.ts';
import { startOfficeCluster } from '../helpers/office-cluster.ts';
import { noteCount, officeClient, reviewDoc, until, writeNote, type OfficeClient } from '../helpers/office-client.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const KEY = 'k'.repeat(20) + '_office-test-key';
const issue = handBuiltIssue();
const wang = { id: 'uwang', name: '王敏', colour: '#0f766e' };
const room = (id: string): string => `proofroom:${id.padEnd(16, '0')}`;

/** The document names kept in an office's SQLite file. */
function storedRooms(dbPath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY);
    db.all('SELECT name FROM documents ORDER BY name', (error, rows: { name: string }[]) => {
      db.close();
      if (error) reject(error);
      else resolve(rows.map((r) => r.name));
    });
  });
}

/** A raw WebSocket that keeps every frame and its close. */
async function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const frames: Buffer[] = [];
  ws.on('message', (data) => frames.push(data as Buffer));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  /** Resolves on the first frame received (now or later) that passes `check`. */
  const answered = (check: (f: Buffer) => boolean): Promise<void> =>
    frames.some(check) ? Promise.resolve() : new Promise((resolve) => ws.on('message', (d) => check(d as Buffer) && resolve()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed, answered };
}

/** A Hocuspocus frame: document name, message type, then `body`. */
function frame(doc: string, type: number, body: (e: encoding.Encoder) => void = () => {}): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  body(e);
  return encoding.toUint8Array(e);
}
const auth = (doc: string, token: string) =>
  frame(doc, 2, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });

describe('office peer, in process', () => {
  let dir: string;
  let office: Office;
  const lines: string[] = [];
  const clients: OfficeClient[] = [];

  // Hocuspocus reports refusals and bad frames on console.error; the office's own log lines are checked instead.
  let quiet: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    dir = mkdtempSync(join(tmpdir(), 'proofroom-office-unit-'));
    office = await startOffice({ dataDir: dir, key: KEY, log: (l) => lines.push(l), maxPayload: 1024 * 1024, maxDocumentsPerConnection: 4, maxPendingMessages: 50, messagesPerSecond: 200, messageBurst: 50 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await office.close();
    rmSync(dir, { recursive: true, force: true });
    quiet.mockRestore();
  });
  const client = (name: string, token: string, doc?: Y.Doc): OfficeClient => {
    const c = officeClient(office.url, name, token, doc);
    clients.push(c);
    return c;
  };

  it('binds loopback and says where its data is', () => {
    expect(office.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[0]).toContain(`data in ${join(dir, 'office.sqlite')}`);
  });

  it('refuses no key, a wrong key and a room that is not a Proofroom room, and keeps nothing of theirs', async () => {
    const secret = (): Y.Doc => {
      const doc = reviewDoc(issue);
      writeNote(doc, issue, wang, 'should never reach the office');
      return doc;
    };
    const target = room('refusedroom');
    const attempts = [
      client(target, '', secret()),
      client(target, KEY.slice(0, -1) + 'X', secret()),
      client(target, 'short', secret()),
      client('notaroom:refusedroom000000', KEY, secret()),
      client('proofroom:short', KEY, secret()),
    ];
    for (const a of attempts) expect(await a.refused).toBe('permission-denied');
    expect(office.documents).toBe(0);
    // A key holder opening the same room finds it empty: nothing the refused clients sent was applied.
    const good = client(target, KEY);
    await good.synced;
    expect(readIssue(good.doc).issue).toBeNull();
    expect(noteCount(good.doc)).toBe(0);
    expect(lines.some((l) => l.includes('refused') && l.includes('notaroom:'))).toBe(true);
  });

  it('closes a sender of garbage and malformed frames, and keeps serving key holders', async () => {
    {
      const name = room('hostileroom');
      const writer = client(name, KEY, reviewDoc(issue));
      await writer.synced;
      // Random bytes, with and without a key first: some read as a frame for some odd room, which waits
      // for its authentication (counted); a frame that does not decode at all closes the connection.
      const noise: WebSocket[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await rawSocket(office.url);
        noise.push(r.ws);
        if (i % 2) r.ws.send(auth(name, KEY));
        for (let k = 0; k < 5; k++) r.ws.send(randomBytes(1 + ((i * 37 + k * 11) % 300)));
      }
      const undecodable = await rawSocket(office.url);
      undecodable.ws.send(auth(name, KEY));
      undecodable.ws.send(new Uint8Array([0xff, 0xff, 0x03, 1, 2]));
      expect(await undecodable.closed).toBe(1008);
      // Well-formed frames carrying malformed sync and awareness payloads, and an unknown type, after a valid key.
      const payloads = [
        frame(name, 0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, new Uint8Array([9, 9, 9, 200, 1, 2])))),
        frame(name, 0, (e) => (encoding.writeVarUint(e, 7), encoding.writeVarUint8Array(e, new Uint8Array([1])))),
        frame(name, 1, (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 255, 255, 255, 255, 15, 0]))),
        frame(name, 99),
      ];
      for (const payload of payloads) {
        const r = await rawSocket(office.url);
        noise.push(r.ws);
        r.ws.send(auth(name, KEY));
        r.ws.send(payload);
        // Then a sync request: answered, or the connection closed, once the office has dealt with the payload.
        r.ws.send(frame(name, 0, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())))));
        await Promise.race([r.closed, r.answered((f) => f.length > 1000)]);
      }
      // Frames over the size cap, too many rooms on one connection, too much before authentication.
      const big = await rawSocket(office.url);
      big.ws.send(new Uint8Array(2 * 1024 * 1024));
      expect(await big.closed).toBe(1009);
      const many = await rawSocket(office.url);
      for (let i = 0; i < 6; i++) many.ws.send(auth(room(`manyrooms${i}`), KEY));
      expect(await many.closed).toBe(1008);
      const flood = await rawSocket(office.url);
      for (let i = 0; i < 60; i++) flood.ws.send(frame(room('floodroom'), 1, (e) => encoding.writeVarUint8Array(e, new Uint8Array(8))));
      expect(await flood.closed).toBe(1008);
      expect(lines.some((l) => l.includes('too many documents'))).toBe(true);
      expect(lines.some((l) => l.includes('too much before authentication'))).toBe(true);

      // The office still serves: a new reader gets the writer's notes, and a note written now.
      writeNote(writer.doc, issue, wang, 'after the attack');
      const reader = client(name, KEY);
      await reader.synced;
      await until(reader.doc, (d) => readNotes(d).notes.some((n) => n.body === 'after the attack'));
      expect(readIssue(reader.doc).issue?.id).toBe(issue.id);
      for (const ws of noise) ws.terminate();
    }
  });

  it('closes a connection that never authenticates', async () => {
    const own: string[] = [];
    const quick = await startOffice({ dataDir: join(dir, 'quick'), key: KEY, log: (l) => own.push(l), authTimeoutMs: 300 });
    try {
      const idle = await rawSocket(quick.url);
      expect(await idle.closed).toBe(1008);
      expect(own.some((l) => l.includes('not authenticated for any room'))).toBe(true);
    } finally {
      await quick.close();
    }
  });

  it('reads a client that sends too fast more slowly, and loses none of what it sent', async () => {
    const name = room('fastroom');
    const updates: Uint8Array[] = [];
    const local = new Y.Doc();
    local.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 250; i++) writeNote(local, issue, wang, `fast ${i}`);
    const fast = await rawSocket(office.url);
    fast.ws.send(auth(name, KEY));
    await fast.answered(() => true);
    for (const u of updates) fast.ws.send(frame(name, 0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, u))));
    const reader = client(name, KEY);
    await until(reader.doc, (d) => noteCount(d) === 250);
    expect(lines.some((l) => l.includes('sends faster than its budget'))).toBe(true);
    expect(fast.ws.readyState).toBe(WebSocket.OPEN);
    fast.ws.terminate();
  });

  it('stores only the rooms key holders opened', async () => {
    for (const c of clients.splice(0)) c.destroy();
    await office.close();
    const rooms = await storedRooms(office.dbPath);
    expect(rooms).toContain(room('hostileroom'));
    expect(rooms.every((r) => /^proofroom:[A-Za-z0-9_-]{16,128}$/.test(r))).toBe(true);
    expect(rooms).not.toContain(room('manyrooms0'));
    expect(rooms).not.toContain(room('floodroom'));
  });
});

describe('REDIS_URL', () => {
  it('gives ioredis the host, port, password and database of the URL, and refuses what is not redis://', () => {
    expect(parseRedisUrl('redis://:s%40cret@10.0.0.5:6380/2')).toEqual({ host: '10.0.0.5', port: 6380, options: { password: 's@cret', db: 2 } });
    expect(parseRedisUrl('redis://localhost')).toEqual({ host: 'localhost', port: 6379, options: {} });
    expect(parseRedisUrl('rediss://user:pw@[::1]:7000/0').options).toEqual({ password: 'pw', username: 'user', db: 0, tls: {} });
    expect(() => parseRedisUrl('http://localhost:6379')).toThrow(/redis:\/\//);
    expect(() => parseRedisUrl('redis://localhost/x')).toThrow(/database/);
  });
});

describe('npm run office, as a process', () => {
  it('gives a new client every note back after a restart on the same data dir', async () => {
    const cluster = await startOfficeCluster({ instances: 1, redis: false });
    try {
      const url = cluster.instances[0]!.url;
      const name = room('restartroom');
      const writer = officeClient(url, name, cluster.key, reviewDoc(issue));
      await writer.synced;
      for (let i = 0; i < 30; i++) writeNote(writer.doc, issue, wang, `note ${i}`);
      // A second client seeing all 30 means the office holds them.
      const witness = officeClient(url, name, cluster.key);
      await until(witness.doc, (d) => noteCount(d) === 30);
      witness.destroy();
      await cluster.terminate(0);
      writer.destroy();
      expect(cluster.instances[0]!.output.join('\n')).toMatch(/SIGTERM: storing 1 room/);
      await cluster.restart(0);
      const fresh = officeClient(cluster.instances[0]!.url, name, cluster.key);
      await fresh.synced;
      expect(noteCount(fresh.doc)).toBe(30);
      expect(readIssue(fresh.doc).issue?.id).toBe(issue.id);
      expect(readNotes(fresh.doc).notes.map((n) => n.body).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `note ${i}`).sort());
      fresh.destroy();
    } finally {
      await cluster.stop();
    }
  }, 30_000);
});
