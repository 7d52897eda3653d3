// Notes that must survive and stay apart: a tab closed right after saving, two tabs of one issue,
// a malformed entry from a peer, undo that only takes back my own notes, others' notes locked.
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beReviewer, card, comment, openSample, painted, selectPhrase, toolbar, composer } from './notes-helpers';

type Hook = {
  writeRaw(key: string, value: unknown): void;
  peerNote(articleId: string, blockId: string, start: number, end: number, body: string): string | null;
};
const hook = (page: Page) => page.evaluateHandle(() => (window as unknown as { __proofroom: Hook }).__proofroom);

test('a note saved just before the browser closes is there when it opens again', async ({}, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'proofroom-profile-'));
  const use = testInfo.project.use;
  const launch = () => chromium.launchPersistentContext(dir, { ...use.launchOptions, baseURL: use.baseURL!, locale: 'zh-CN' });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await beReviewer(page);
    await openSample(page);
    await selectPhrase(page, '人民的信任');
    await toolbar(page).getByRole('button', { name: '批注' }).click();
    await composer(page).getByLabel('内容').fill('关页前写的');
    await page.keyboard.press('Control+Enter');
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await openSample(page);
    await expect(card(page, '关页前写的')).toBeVisible();
    await expect.poll(() => painted(page, '人民的信任')).toBe(true);
    await context.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('two tabs of the same issue agree', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await beReviewer(a);
  await beReviewer(b);
  await openSample(a);
  await openSample(b);
  await comment(a, '人民的信任', '甲页写的');
  await expect(card(b, '甲页写的')).toBeVisible();
  await expect.poll(() => painted(b, '人民的信任')).toBe(true);
  await card(b, '甲页写的').getByRole('button', { name: '解决' }).click();
  await expect(card(a, '甲页写的')).toContainText('已解决');
});

test('malformed notes from a peer are reported and the page keeps working', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await (await hook(page)).evaluate((h) => {
    h.writeRaw('bad-1', 'garbage');
    h.writeRaw('bad-2', { t: [1, 'x'], c: 'nonsense' });
  });
  // Said once, in the top bar, where malformed presence is reported too.
  await expect(page.getByTestId('peer-data-warning')).toHaveText('已忽略 2 条格式错误的批注数据');
  await expect(page.getByText(/已忽略 \d+ 条格式错误/)).toHaveCount(1);
  await comment(page, '人民的信任', '照常批注');
  await expect(card(page, '照常批注')).toBeVisible();
  await page.keyboard.press('j');
  await expect(page.locator('article h1')).not.toHaveText('在第十四届全国人民代表大会第一次会议上的讲话');
});

test('undo takes back my note, not a colleague’s; their notes have no edit or delete', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '我的批注');
  const articleId = await page.locator('article[data-article-id]').getAttribute('data-article-id');
  const peerId = await (await hook(page)).evaluate((h, id) => h.peerNote(id!, `${id}.4`, 0, 6, '同事的批注'), articleId);
  expect(peerId).not.toBeNull();
  const mine = card(page, '我的批注');
  const theirs = card(page, '同事的批注');
  await expect(theirs).toBeVisible();
  await expect(theirs.locator('.author')).toHaveText('同事');
  await expect(theirs.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: '删除' })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: '解决' })).toBeVisible();
  await expect(mine.getByRole('button', { name: '编辑' })).toBeVisible();
  await expect(mine.getByRole('button', { name: '删除' })).toBeVisible();

  await page.locator('article h1').click();
  await page.keyboard.press('Control+z');
  await expect(mine).toHaveCount(0);
  await expect(theirs).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(theirs).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(mine).toBeVisible();
  await expect.poll(() => painted(page, '人民的信任')).toBe(true);
});

test('editing and deleting my own note', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '初稿');
  const id = await card(page, '初稿').getAttribute('data-note-id');
  const note = page.locator(`.notes-margin .note-card[data-note-id="${id}"]`);
  await note.getByRole('button', { name: '编辑' }).click();
  await note.getByRole('textbox', { name: '内容' }).fill('改过的');
  await page.keyboard.press('Control+Enter');
  await expect(card(page, '改过的')).toContainText('已编辑');
  await card(page, '改过的').getByRole('button', { name: '删除' }).click();
  await expect(card(page, '改过的')).toHaveCount(0);
  await expect.poll(() => painted(page, '人民的信任')).toBe(false);
});

test('a full disk is reported, not swallowed', async ({ page }) => {
  await beReviewer(page);
  // Once armed, every IndexedDB write fails the way a full disk makes it fail.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull) throw new DOMException('The disk is full', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openSample(page);
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await comment(page, '人民的信任', '存不下的批注');
  await expect(page.locator('.notes-margin').getByRole('alert')).toHaveText('磁盘已满，最近的批注没有保存');
  await expect(card(page, '存不下的批注')).toBeVisible();
});
