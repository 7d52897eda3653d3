// The optional office peer (`npm run office`, a real process on loopback): a reviewer who opens a link
// while every colleague is offline gets the issue and every note from it; work done offline reaches it
// when back; a link with the wrong key gets nothing.
import { expect, test } from '@playwright/test';
import { closeAll, comment, FIRST_TITLE, noteCount, openSample, person, share, status, type Person } from './collab-helpers';
import { startOfficeCluster, type OfficeCluster } from '../helpers/office-cluster';
import { noteCount as officeNotes, officeClient, until, type OfficeClient } from '../helpers/office-client';

let office: OfficeCluster;
let watcher: OfficeClient | null = null;

test.beforeAll(async () => {
  office = await startOfficeCluster({ instances: 1, redis: false });
});
test.afterAll(async () => {
  watcher?.destroy();
  await office?.stop();
});

/** Puts the office peer in the connection settings, as a user types it. */
async function useOffice(p: Person, url: string, key: string): Promise<void> {
  await p.page.getByTestId('collab-menu').click();
  await p.page.getByText('连接设置').click();
  await p.page.getByTestId('office-url').fill(url);
  await p.page.getByTestId('office-key').fill(key);
  await p.page.getByRole('button', { name: '使用此办公室节点' }).click();
  await expect(p.page.getByTestId('office-settings').getByRole('status')).toContainText('已保存');
}

test('a joiner alone gets everything from the office peer; offline work reaches it; a wrong key gets nothing', async ({ browser, baseURL }) => {
  const url = office.instances[0]!.url;
  const a = await openSample(browser, '王编辑', baseURL!);
  let b: Person | undefined;
  let eve: Person | undefined;
  try {
    await useOffice(a, url, office.key);
    // The operator notice is there where the office is turned on.
    await expect(a.page.getByTestId('office-settings')).toContainText('管理员能读到');
    await a.page.getByTestId('collab-menu').click();
    const link = await share(a);
    expect(link).toContain('office=');
    expect(link).toContain(`okey=${office.key}`);
    await expect(status(a)).toContainText('已连接办公室节点'); // the office peer, alone in the room, as a peer

    // A's notes reach the office (read back by a headless client of the office, not by the page).
    for (const body of ['办公室一', '办公室二', '办公室三']) await comment(a, body, { start: 2 + body.length });
    const room = `proofroom:${new URL(link).hash.match(/room=([^&]+)/)![1]}`;
    watcher = officeClient(url, room, office.key);
    await watcher.synced;
    await until(watcher.doc, (doc) => officeNotes(doc) === 3);
    await a.context.close();

    // Nobody else online: B opens the link and gets the issue and the three notes from the office.
    b = await person(browser, '李雷', link);
    await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE, { timeout: 20_000 });
    await expect.poll(() => noteCount(b!)).toBe(3);
    await expect(status(b)).toContainText('已连接办公室节点');
    // B did not turn the office on (the link did): the status says who can read the review.
    await expect(status(b)).toHaveAttribute('title', /管理员能读到/);

    // B works offline; the note reaches the office once B is back.
    await b.context.setOffline(true);
    await expect(status(b)).toContainText('离线');
    await comment(b, '离线时写的');
    await expect.poll(() => noteCount(b!)).toBe(4);
    expect(officeNotes(watcher.doc)).toBe(3);
    await b.context.setOffline(false);
    await until(watcher.doc, (doc) => officeNotes(doc) === 4);

    // A link with another key, nobody else online: the office refuses it and the joiner receives nothing.
    await b.context.close();
    const wrong = link.replace(`okey=${office.key}`, 'okey=AAAAAAAAAAAAAAAAAAAAAAAA');
    eve = await person(browser, '路人', wrong);
    await expect(eve.page.getByTestId('join-waiting')).toBeVisible();
    await expect
      .poll(() => eve!.page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.collab.network.office?.state))
      .toBe('refused');
    await expect(eve.page.getByTestId('join-waiting')).toBeVisible();
    expect(await noteCount(eve)).toBeLessThanOrEqual(0);
  } finally {
    await closeAll(a, b, eve);
  }
});
