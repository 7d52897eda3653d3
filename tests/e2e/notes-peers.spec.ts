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
  damageNote(noteId: string, key: string, value: unknown): void;
  removeIssue(): void;
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
  await expect(page.getByTestId('peer-data-warning')).toHaveText('已忽略 2 条无法读取的批注数据');
  await expect(page.getByText(/已忽略 \d+ 条无法读取/)).toHaveCount(1);
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

test('a bad field from a peer hides nothing: the note stays, says what is damaged, and its author repairs it', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '状态被写坏的批注');
  const id = await card(page, '状态被写坏的批注').getAttribute('data-note-id');
  await (await hook(page)).evaluate((h, id) => h.damageNote(id!, 's', 'bogus'), id);

  // Still in the margin, open, with its text; the damaged field is named on the card and counted on top.
  const damaged = card(page, '状态被写坏的批注');
  await expect(damaged).toBeVisible();
  await expect(damaged.getByTestId('damaged-fields')).toContainText('部分字段已损坏，按默认值显示：状态');
  await expect(damaged.getByRole('button', { name: '解决' })).toBeVisible();
  await expect(page.getByTestId('peer-data-warning')).toHaveText('1 条批注有字段损坏，已按默认值显示');

  await damaged.getByRole('button', { name: '修复' }).click();
  await expect(damaged.getByTestId('damaged-fields')).toHaveCount(0);
  await expect(page.getByTestId('peer-data-warning')).toHaveCount(0);
  await damaged.getByRole('button', { name: '解决' }).click();
  await expect(damaged).toContainText('已解决');
  await page.reload();
  await expect(card(page, '状态被写坏的批注')).toContainText('已解决');
  await expect(page.getByTestId('damaged-fields')).toHaveCount(0);
});

test("a colleague's note with a bad field is shown, but only its author may repair it", async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  const h = await hook(page);
  const id = await h.evaluate((h) => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const article = app.reader.article;
    const block = article.blocks.find((b: { kind: string; text: string }) => b.kind === 'paragraph' && b.text.length > 20);
    return h.peerNote(article.id, block.id, 2, 8, '同事的批注');
  });
  await h.evaluate((h, id) => h.damageNote(id!, 'c', { evil: true }), id);
  const theirs = card(page, '同事的批注');
  await expect(theirs.getByTestId('damaged-fields')).toContainText('类别');
  await expect(theirs.getByRole('button', { name: '修复' })).toHaveCount(0);
  await expect(theirs).toContainText('其他');
});

test('the issue text removed from the review by a peer is put back from this device, and reading goes on', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '正文删了我还在');
  await (await hook(page)).evaluate((h) => h.removeIssue());
  await expect(page.getByTestId('issue-restored')).toHaveText('有同伴删除了评审里的刊物正文，已用本机的副本恢复');
  await expect(page.locator('article h1')).toHaveText('在第十四届全国人民代表大会第一次会议上的讲话');
  await expect(card(page, '正文删了我还在')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.desk.session.issueState.kind))
    .toBe('present');
});
