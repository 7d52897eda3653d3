// Past one machine: two office instances sharing rooms through one redis-server, behind a load
// balancer, all real processes on loopback. Two reviewers in browsers (on different instances, with no
// WebRTC relay, so everything goes through the office) and 30 headless clients write notes in one
// room; one instance is killed mid-way; its clients reconnect to the other and nothing is lost.
import { expect, test } from '@playwright/test';
import type * as Y from 'yjs';
import { readIssue } from '../../src/lib/review/index';
import type { Issue } from '../../src/lib/issue/types';
import { closeAll, comment, FIRST_TITLE, noteCount, openSample, person, share, type Person } from './collab-helpers';
import { startOfficeCluster, type OfficeCluster } from '../helpers/office-cluster';
import { noteCount as officeNotes, officeClient, until, writeNote, type OfficeClient } from '../helpers/office-client';

const HEADLESS = 30;
const NO_RELAY = { signaling: ['ws://127.0.0.1:9/signal'] };
let cluster: OfficeCluster;
const clients: OfficeClient[] = [];

test.beforeAll(async () => {
  cluster = await startOfficeCluster({ instances: 2, redis: true });
});
test.afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster?.stop();
});

/** The instance the browser's newest office connection went to (the balancer deals round-robin). */
async function landed(p: Person, before: number): Promise<number> {
  await expect.poll(() => p.page.evaluate(() => (window as any).__proofroomApp.collab.network.office?.state)).toBe('connected');
  expect(cluster.connections.length).toBe(before + 1);
  return cluster.connections[before]!.instance;
}

test('two instances and one Redis: 2 browsers and 30 headless clients converge, one instance killed mid-way', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  let a: Person | undefined;
  let b: Person | undefined;
  try {
    a = await openSample(browser, '王编辑', baseURL!, NO_RELAY);
    await a.page.getByTestId('collab-menu').click();
    await a.page.getByText('连接设置').click();
    await a.page.getByTestId('office-url').fill(cluster.balancerUrl);
    await a.page.getByTestId('office-key').fill(cluster.key);
    let before = cluster.connections.length;
    await a.page.getByRole('button', { name: '使用此办公室节点' }).click();
    await a.page.getByTestId('collab-menu').click();
    const link = await share(a);
    const onA = await landed(a, before);
    before = cluster.connections.length;
    b = await person(browser, '李雷', link, NO_RELAY);
    await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE, { timeout: 20_000 });
    const onB = await landed(b, before);
    expect(onB).not.toBe(onA);
    // Presence goes through the office too: each sees the other.
    await expect(a.page.getByTestId('people').getByText('李雷')).toBeVisible();

    const room = `proofroom:${new URL(link).hash.match(/room=([^&]+)/)![1]}`;
    for (let i = 0; i < HEADLESS; i++) clients.push(officeClient(cluster.balancerUrl, room, cluster.key));
    await Promise.all(clients.map((c) => c.synced));
    const issue = readIssue(clients[0]!.doc).issue as Issue;
    expect(issue.articles.length).toBeGreaterThan(10);
    const perInstance = [0, 1].map((i) => clients.filter((c) => cluster.instanceOf(c.localPort()) === i).length);
    expect(perInstance[0]! + perInstance[1]!).toBe(HEADLESS);
    expect(Math.min(...perInstance)).toBeGreaterThan(0);

    const write = (round: number) => {
      clients.forEach((c, i) => writeNote(c.doc, issue, { id: `uheadless${i}`, name: `机${i}`, colour: '#334155' }, `第${round}轮-机${i}`));
    };
    write(1);
    await comment(a, '甲第一条', { start: 2, end: 6 });
    await comment(b, '乙第一条', { start: 12, end: 16 });
    const half = HEADLESS + 2;
    const all = (doc: Y.Doc, n: number) => until(doc, (d) => officeNotes(d) === n);
    await Promise.all(clients.map((c) => all(c.doc, half)));

    // One instance dies (SIGKILL); its clients, A among them, reconnect through the balancer.
    await cluster.kill(onA);
    write(2);
    await comment(a, '甲第二条', { start: 22, end: 26 });
    await comment(b, '乙第二条', { start: 32, end: 36 });
    const total = 2 * HEADLESS + 4;
    await Promise.all(clients.map((c) => all(c.doc, total)));
    await expect.poll(() => noteCount(a!), { timeout: 30_000 }).toBe(total);
    await expect.poll(() => noteCount(b!), { timeout: 30_000 }).toBe(total);
    await expect(a.page.getByTestId('network-status')).toContainText('已连接');

    // A newcomer, on the surviving instance, gets every note.
    const late = officeClient(cluster.balancerUrl, room, cluster.key);
    clients.push(late);
    await late.synced;
    await all(late.doc, total);
  } finally {
    await closeAll(a, b);
  }
});
