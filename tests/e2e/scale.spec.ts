// What peers and files can send at scale: a colleague's hundred thousand notes on one article, an
// article of over a hundred thousand paragraphs, and an issue too big to travel with the review.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { closeAll, person, share, status, type Person } from './collab-helpers';
import { beReviewer, card, comment, openSample } from './notes-helpers';

test.describe.configure({ timeout: 240_000 });



function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Highlights set on the page: how many objects, how many ranges in all. */
const highlights = (page: Page) =>
  page.evaluate(() => {
    let ranges = 0;
    const names: string[] = [];
    for (const [name, h] of CSS.highlights) {
      names.push(name);
      ranges += h.size;
    }
    return { names, ranges };
  });

test("a colleague's 100,000 notes on one article: painting holds, and my own note stays in reach", async ({ page }) => {
  const errors = recordErrors(page);
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '我自己的批注');
  const seeded = await page.evaluate(() => {
    const w = window as unknown as { __proofroom: any; __proofroomApp: any };
    return w.__proofroom.peerSeed(w.__proofroomApp.reader.article.id, 100_000);
  });
  expect(seeded).toBe(100_000);

  // Painted without throwing, over several Highlight objects, and only what is near the screen.
  await expect.poll(async () => (await highlights(page)).ranges, { timeout: 60_000 }).toBeGreaterThan(5000);
  const painted = await highlights(page);
  expect(painted.names.some((n) => /--\d+$/.test(n))).toBe(true);
  expect(painted.ranges).toBeLessThan(100_001);
  expect(errors).toEqual([]);

  // My note is not buried: its card is among the first shown, and "only my notes" leaves just it.
  await expect(card(page, '我自己的批注')).toBeVisible();
  await page.getByRole('checkbox', { name: '只看我的批注' }).check();
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(1);
  await expect(card(page, '我自己的批注')).toBeVisible();

  // After a reload the same holds, and the all-notes list finds it by author.
  await page.reload();
  // A hundred thousand notes are loaded from the store first: seconds, more on a loaded machine.
  await expect(page.locator('article h1')).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await highlights(page)).ranges, { timeout: 60_000 }).toBeGreaterThan(5000);
  await page.getByRole('tab', { name: /全部批注/ }).click();
  await page.getByLabel('作者').selectOption({ label: '校对甲' });
  await expect(page.getByText('1 条批注')).toBeVisible();
  await page.locator('.all-notes .entry', { hasText: '我自己的批注' }).click();
  await expect(card(page, '我自己的批注')).toBeVisible();
  expect(errors).toEqual([]);
});

/** About 57.7 MB of English Markdown, whose issue JSON is over the 50M-character cap. */
function tooBigToShare(path: string): void {
  const para = 'The harbour master counted the boats that came home at dusk, wrote the figures in the ledger, and went to check the moorings before the tide turned. '.repeat(3);
  const lines = ['---', 'title: Harbour Notes, the long edition', 'label: 2024 No. 9', 'language: en', '---', ''];
  let size = 0;
  for (let a = 0; size < 57.7e6; a++) {
    lines.push(a % 20 === 0 ? `# Part ${a / 20 + 1}` : '', `## Dispatch ${a + 1}`, '');
    for (let p = 0; p < 200; p++) {
      const text = `${a}.${p} ${para}`;
      lines.push(text, '');
      size += text.length + 2;
    }
  }
  writeFileSync(path, lines.join('\n'));
}

test('an issue too big to share: the sharer is told, the joiner is told to open the file, and then gets the notes', async ({ browser, baseURL }, testInfo) => {
  const path = testInfo.outputPath('harbour-long.md');
  tooBigToShare(path);
  const a: Person = await person(browser, '王敏', `${baseURL}?test`);
  const aErrors = recordErrors(a.page);
  await a.page.getByTestId('open-file').setInputFiles(path);
  await expect(a.page.locator('article h1')).toHaveText('Dispatch 1', { timeout: 60_000 });
  await expect
    .poll(() => a.page.evaluate(() => (window as any).__proofroomApp.desk.session?.issueState.kind), { timeout: 60_000 })
    .toBe('too-large');
  await a.page.evaluate(() => {
    const w = window as unknown as { __proofroomApp: any };
    const article = w.__proofroomApp.reader.article;
    const block = article.blocks.find((b: { kind: string }) => b.kind === 'paragraph');
    const target = { articleId: article.id, blockId: block.id, start: 4, endBlockId: block.id, end: 15, quote: block.text.slice(4, 15), prefix: block.text.slice(0, 4), suffix: block.text.slice(15, 47) };
    w.__proofroomApp.desk.session.createNote({ target, kind: 'comment', category: 'fact', body: 'note on a huge issue' });
  });
  const link = await share(a);
  await a.page.getByTestId('collab-menu').click();
  await expect(a.page.getByTestId('too-large-share')).toContainText('不会随评审同步');
  await a.page.getByTestId('collab-menu').click();

  const b = await person(browser, '李雷', link);
  const bErrors = recordErrors(b.page);
  await expect(status(b)).toHaveText('已连接 1 位同伴', { timeout: 30_000 });
  await expect(b.page.getByTestId('join-waiting')).toContainText('这一期太大，不能随评审传来');
  await expect(b.page.getByTestId('join-waiting')).toContainText('打开文件');

  await b.page.getByTestId('open-file').setInputFiles(path);
  await expect(b.page.locator('article h1')).toHaveText('Dispatch 1', { timeout: 60_000 });
  await expect(b.page.locator('aside.margin').getByText('note on a huge issue')).toBeVisible();
  expect(aErrors).toEqual([]);
  expect(bErrors).toEqual([]);
  await closeAll(a, b);
});
