// Offline first: a peer that drops off the network and comes back, review packages carried between
// two people with no relay at all, the app starting with no network, and a relay that dies and returns.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { closeAll, comment, FIRST_TITLE, margin, noteCount, openSample, person, share, status } from './collab-helpers';
import { standaloneRelay, type Standalone } from './relay-helpers';

test.describe.configure({ timeout: 90_000 });

test('B goes offline, both edit, B comes back and both have everything', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  // Connected is not synced: B has the issue (which it gets from A) only once it is on screen.
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);

  await b.context.setOffline(true);
  await expect(status(b)).toHaveText('离线');
  await expect(status(a)).toHaveText('正在寻找同伴…');
  await comment(a, 'A 在 B 离线时写的', { start: 4, end: 9 });
  await comment(b, 'B 离线时写的', { start: 30, end: 36 });
  await expect(margin(b, 'B 离线时写的')).toBeVisible();
  await expect(b.page.getByTestId('save-status')).toHaveText('已保存在本机');
  await expect(margin(b, 'A 在 B 离线时写的')).toHaveCount(0);

  await b.context.setOffline(false);
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  for (const p of [a, b]) {
    await expect(margin(p, 'A 在 B 离线时写的')).toBeVisible();
    await expect(margin(p, 'B 离线时写的')).toBeVisible();
  }
  expect(await noteCount(a)).toBe(2);
  expect(await noteCount(b)).toBe(2);
  await closeAll(a, b);
});

test('a review package carries notes between two people with no relay, idempotently and in any order', async ({ browser, baseURL }, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await openSample(browser, '李雷', baseURL!);
  await comment(a, '包里的第一条', { start: 1, end: 4 });
  await comment(a, '包里的第二条', { start: 5, end: 9 });
  await comment(b, 'B 自己的', { start: 20, end: 25 });
  await expect(status(a)).toHaveText('仅本机');

  const openPanel = async (p: typeof a) => {
    if (!(await p.page.getByTestId('collab-panel').isVisible())) await p.page.getByTestId('collab-menu').click();
  };
  const exportFrom = async (p: typeof a, name: string): Promise<string> => {
    await openPanel(p);
    const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('export-package').click()]);
    expect(download.suggestedFilename()).toMatch(/\.proofroom$/);
    const path = testInfo.outputPath(name);
    await download.saveAs(path);
    return path;
  };
  const importInto = async (p: typeof a, file: string | { name: string; mimeType: string; buffer: Buffer }) => {
    await openPanel(p);
    await p.page.getByTestId('import-package').setInputFiles(file);
  };
  const confirmImport = async (p: typeof a) => {
    await expect(p.page.getByTestId('import-preview')).toBeVisible();
    await p.page.getByTestId('import-confirm').click();
  };

  const fromA = await exportFrom(a, 'a.proofroom');
  await importInto(b, fromA);
  // First what it would bring, then the merge.
  await expect(b.page.getByTestId('import-added')).toHaveText('新增 2 条批注（王敏 2）');
  await expect(margin(b, '包里的第一条')).toHaveCount(0);
  await confirmImport(b);
  await expect(b.page.getByTestId('package-result')).toContainText('已导入“a.proofroom”；2 条新批注，来自 王敏');
  await expect(margin(b, '包里的第一条')).toBeVisible();
  await expect(margin(b, '包里的第二条')).toBeVisible();
  await importInto(b, fromA);
  await expect(b.page.getByTestId('package-result')).toHaveText('没有新内容（来自 王敏 的审校包已经合并过）');
  expect(await noteCount(b)).toBe(3);

  // The other way round, with B's package already holding A's notes: only B's own is new to A.
  const fromB = await exportFrom(b, 'b.proofroom');
  await importInto(a, fromB);
  await confirmImport(a);
  await expect(a.page.getByTestId('package-result')).toContainText('1 条新批注，来自 李雷');
  await expect(margin(a, 'B 自己的')).toBeVisible();
  expect(await noteCount(a)).toBe(3);

  // Foreign and damaged files are refused with a clear message and change nothing.
  await importInto(a, { name: 'notes.proofroom', mimeType: 'text/plain', buffer: Buffer.from('not a package at all') });
  await expect(a.page.getByTestId('package-result')).toHaveText('“notes.proofroom”不是共校审校包，没有做任何修改');
  const good = readFileSync(fromB);
  const cut = good.indexOf(0x0a, 10) + 1;
  const damaged = Buffer.concat([good.subarray(0, cut), Buffer.from([0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05])]);
  await importInto(a, { name: 'broken.proofroom', mimeType: 'application/octet-stream', buffer: damaged });
  await expect(a.page.getByTestId('package-result')).toHaveText('“broken.proofroom”已损坏，无法读取，没有做任何修改');
  expect(await noteCount(a)).toBe(3);

  // A package of another issue is refused too.
  const other = await person(browser, '赵六', `${baseURL}?test`);
  await other.page.getByTestId('open-file').setInputFiles('tests/e2e/fixtures/harbour-notes.md');
  await expect(other.page.locator('article h1')).not.toHaveText(FIRST_TITLE);
  const fromOther = await exportFrom(other, 'other.proofroom');
  await importInto(a, fromOther);
  await expect(a.page.getByTestId('package-result')).toContainText('属于另一期');
  expect(await noteCount(a)).toBe(3);
  await closeAll(a, b, other);
});

test('a package that would delete colleagues’ notes shows it first, keeps them unless confirmed, and is undone as a whole', async ({
  browser,
  baseURL,
}, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await openSample(browser, '李雷', baseURL!);
  const panel = async (p: typeof a) => {
    if (!(await p.page.getByTestId('collab-panel').isVisible())) await p.page.getByTestId('collab-menu').click();
  };
  const exportFrom = async (p: typeof a, name: string): Promise<string> => {
    await panel(p);
    const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('export-package').click()]);
    const path = testInfo.outputPath(name);
    await download.saveAs(path);
    return path;
  };
  const importInto = async (p: typeof a, file: string) => {
    await panel(p);
    await p.page.getByTestId('import-package').setInputFiles(file);
    await expect(p.page.getByTestId('import-preview')).toBeVisible();
  };

  for (const [i, body] of ['王一', '王二', '王三'].entries()) await comment(a, body, { start: 2 + i * 6, end: 5 + i * 6 });
  await comment(b, '李的，之后自己删', { start: 30, end: 34 });
  // B gets A's three notes, then A gets B's note: both hold all four.
  const a1 = await exportFrom(a, 'a1.proofroom');
  await importInto(b, a1);
  await b.page.getByTestId('import-confirm').click();
  const b1 = await exportFrom(b, 'b1.proofroom');
  await importInto(a, b1);
  await a.page.getByTestId('import-confirm').click();
  await expect(margin(a, '李的，之后自己删')).toBeVisible();

  // Offline, B deletes its own note (legitimately) and, with a modified client, A's three.
  await b.page.getByTestId('collab-menu').click();
  await b.page.locator('.note-card', { hasText: '李的，之后自己删' }).getByRole('button', { name: '删除' }).click();
  await b.page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const doc = app.desk.session.doc;
    const notes = doc.getMap('notes');
    for (const n of app.desk.session.notes.notes) if (n.author.name === '王敏') doc.transact(() => notes.delete(n.id));
  });
  await expect.poll(() => noteCount(b)).toBe(0);
  const crafted = await exportFrom(b, 'b2.proofroom');

  // A is shown all four removals with their authors before anything happens.
  await importInto(a, crafted);
  const removed = a.page.getByTestId('import-removed');
  await expect(removed).toContainText('删除 4 项');
  await expect(removed).toContainText('李雷 的批注：李的，之后自己删（作者本人删除）');
  await expect(removed).toContainText('王敏 的批注：王一');
  const others = a.page.getByRole('checkbox', { name: /也删除其他人的 3 项/ });
  await expect(others).not.toBeChecked();
  expect(await noteCount(a)).toBe(4);

  // Imported without ticking: B's own deletion applies, A's notes stay.
  await a.page.getByTestId('import-confirm').click();
  await expect(a.page.getByTestId('package-result')).toContainText('删除了 1 项；保留了其他人的 3 项');
  await expect(margin(a, '李的，之后自己删')).toHaveCount(0);
  for (const body of ['王一', '王二', '王三']) await expect(margin(a, body)).toBeVisible();

  // Undone as a whole: B's note is back.
  await a.page.getByTestId('undo-import').click();
  await expect(a.page.getByTestId('package-result')).toHaveText('已撤销这次导入');
  await expect(margin(a, '李的，之后自己删')).toBeVisible();
  expect(await noteCount(a)).toBe(4);

  // Someone else holding all four ticks the box: everything goes — and one click brings it all back.
  // (Once undone, the same file does not remove them again: undo wrote them anew, and a merge is idempotent.)
  const c = await openSample(browser, '韩梅梅', baseURL!);
  for (const file of [a1, b1]) {
    await importInto(c, file);
    await c.page.getByTestId('import-confirm').click();
  }
  await expect.poll(() => noteCount(c)).toBe(4);
  await importInto(c, crafted);
  await c.page.getByRole('checkbox', { name: /也删除其他人的 3 项/ }).check();
  await c.page.getByTestId('import-confirm').click();
  await expect.poll(() => noteCount(c)).toBe(0);
  await c.page.getByTestId('undo-import').click();
  await expect.poll(() => noteCount(c)).toBe(4);
  await c.page.reload();
  await expect(c.page.locator('article h1')).toHaveText(FIRST_TITLE);
  for (const body of ['王一', '王二', '王三', '李的，之后自己删']) await expect(margin(c, body)).toBeVisible();
  await closeAll(c);
  await closeAll(a, b);
});

test('after one visit the app opens with no network, with the issue and its notes', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await comment(a, '离线也在', { start: 2, end: 6 });
  await expect(a.page.getByTestId('save-status')).toHaveText('已保存在本机');
  // The service worker has precached the app shell once it is active.
  await a.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await a.context.setOffline(true);
  await a.page.reload();
  await expect(a.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await expect(margin(a, '离线也在')).toBeVisible();
  await expect(status(a)).toHaveText('离线');
  const manifest = await a.page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href'));
  expect(manifest).toBeTruthy();
  await closeAll(a);
});

test.describe('with a standalone relay', () => {
  let relay: Standalone;
  // Restarted on the port it had, as a relay restarted in the field would be.
  const listen = async () => {
    relay = await standaloneRelay(relay?.port ?? 0);
  };
  const kill = () => relay.close();
  test.beforeAll(listen);
  test.afterAll(kill);

  test('the relay is killed and restarted and the peers find each other again', async ({ browser, baseURL }) => {
    const signaling = { signaling: [relay.url] };
    const a = await openSample(browser, '王敏', baseURL!, signaling);
    const link = await share(a);
    expect(decodeURIComponent(link)).toContain(relay.url);
    const b = await person(browser, '李雷', link);
    await expect(status(b)).toHaveText('已连接 1 位同伴');
    await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
    await expect(b.page.getByTestId('save-status')).toHaveText('已保存在本机');

    await kill();
    // B reloads while the relay is down: no way to find A.
    await b.page.reload();
    await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
    await expect(status(b)).toHaveText(`无法连接中继 ${relay.url}`);
    await comment(a, '中继重启前写的', { start: 3, end: 7 });

    await listen();
    await expect(status(b)).toHaveText('已连接 1 位同伴', { timeout: 20_000 });
    await expect(margin(b, '中继重启前写的')).toBeVisible();
    await comment(b, '重启后 B 写的', { start: 40, end: 44 });
    await expect(margin(a, '重启后 B 写的')).toBeVisible();
    await closeAll(a, b);
  });
});
