// Past one machine: two `npm run office` processes sharing rooms through one redis-server, behind a
// round-robin TCP balancer, all on 127.0.0.1. Thirty headless provider clients in one room write notes;
// the instances only meet through Redis, so clients on one seeing the other's notes proves it is used.
// One instance is SIGKILLed with writes in flight: its clients reconnect to the other, nothing is lost.
// What one instance stored, the other serves (they share the data dir's SQLite file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readIssue, readNotes } from '../../src/lib/review/index.ts';
import { startOfficeCluster, type OfficeCluster } from '../helpers/office-cluster.ts';
import { noteCount, officeClient, reviewDoc, until, writeNote, type OfficeClient } from '../helpers/office-client.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const CLIENTS = 30;
const NOTES = 5;
const issue = handBuiltIssue();
const room = 'proofroom:redis-two-instances-room';
const author = (i: number) => ({ id: `u${i}`, name: `校对${i}`, colour: '#0f766e' });

describe('two office instances and one Redis', () => {
  let cluster: OfficeCluster;
  const clients: OfficeClient[] = [];

  beforeAll(async () => {
    cluster = await startOfficeCluster({ instances: 2, redis: true });
  }, 30_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await cluster?.stop();
  });

  const writeRound = (round: number): void => {
    clients.forEach((c, i) => writeNote(c.doc, issue, author(i), `client ${i} note ${round}`));
  };
  const allHold = (n: number): Promise<void[]> => Promise.all(clients.map((c) => until(c.doc, (d) => noteCount(d) === n)));

  it('serves a room stored by one instance from the other, when nobody is online', async () => {
    const name = 'proofroom:stored-by-the-other-one';
    const writer = officeClient(cluster.instances[1]!.url, name, cluster.key, reviewDoc(issue));
    await writer.synced;
    for (let i = 0; i < 10; i++) writeNote(writer.doc, issue, author(99), `alone ${i}`);
    // A witness on the same instance holding all ten means the instance has them; then everyone leaves
    // and the instance stops (storing what it holds) before the joiner comes.
    const witness = officeClient(cluster.instances[1]!.url, name, cluster.key);
    await until(witness.doc, (d) => noteCount(d) === 10);
    witness.destroy();
    writer.destroy();
    await cluster.terminate(1);
    const joiner = officeClient(cluster.instances[0]!.url, name, cluster.key);
    await joiner.synced;
    expect(noteCount(joiner.doc)).toBe(10);
    expect(readIssue(joiner.doc).issue?.id).toBe(issue.id);
    joiner.destroy();
    await cluster.restart(1);
  }, 20_000);

  it('serves one room from both instances, survives losing one, and loses no note', async () => {
    clients.push(officeClient(cluster.balancerUrl, room, cluster.key, reviewDoc(issue)));
    await clients[0]!.synced;
    for (let i = 1; i < CLIENTS; i++) clients.push(officeClient(cluster.balancerUrl, room, cluster.key, new Y.Doc()));
    await Promise.all(clients.map((c) => c.synced));
    const onInstance = (i: number) => clients.filter((c) => cluster.instanceOf(c.localPort()) === i);
    const first = onInstance(0);
    expect(first.length).toBeGreaterThanOrEqual(CLIENTS / 2 - 1);
    expect(onInstance(1).length).toBeGreaterThanOrEqual(CLIENTS / 2 - 1);

    // Two rounds while both instances live: every client, on either instance, gets every note.
    writeRound(0);
    writeRound(1);
    await allHold(2 * CLIENTS);

    // A third round, and the instance holding half the clients dies while it is on the wire.
    writeRound(2);
    await cluster.kill(0);
    expect(cluster.instances[0]!.alive).toBe(false);
    writeRound(3);
    writeRound(4);
    await allHold(NOTES * CLIENTS);
    // The first instance's clients are on the second one now.
    for (const c of first) expect(cluster.instanceOf(c.localPort())).toBe(1);

    // A newcomer gets the issue and all 150 notes from the surviving instance.
    const late = officeClient(cluster.balancerUrl, room, cluster.key);
    clients.push(late);
    await late.synced;
    await until(late.doc, (d) => noteCount(d) === NOTES * CLIENTS);
    expect(readIssue(late.doc).issue?.id).toBe(issue.id);
    const bodies = new Set(readNotes(late.doc).notes.map((n) => n.body));
    for (let i = 0; i < CLIENTS; i++) for (let r = 0; r < NOTES; r++) expect(bodies.has(`client ${i} note ${r}`)).toBe(true);
  }, 30_000);
});
