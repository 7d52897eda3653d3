// An article of over a hundred thousand paragraphs (a 51.6 MB file): its first screen shows at once,
// the rest is laid out in the background without blocking the page, and nothing is lost.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { beReviewer, openSample } from './notes-helpers';

test.describe.configure({ timeout: 240_000 });
// A trace snapshots the whole DOM at every step: 124,000 paragraphs make each one take seconds.
test.use({ trace: 'off' });

test('an article of 124,000 paragraphs shows its first screen at once and lays out the rest without blocking', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await beReviewer(page);
  await openSample(page);
  // 320 copies of the sample, as one file: its first article gets every copy's paragraphs (51.6 MB).
  const path = testInfo.outputPath('long-article.txt');
  const sample = readFileSync('static/sample-issue.txt');
  writeFileSync(path, Buffer.concat(Array.from({ length: 320 }, () => sample)));
  await page.getByTestId('open-file').setInputFiles(path);
  await page.waitForFunction(() => (window as any).__proofroomApp.reader.issue?.source.name === 'long-article.txt', undefined, { timeout: 60_000 });
  const longest = await page.evaluate(() => {
    const a = (window as any).__proofroomApp;
    let best = a.reader.issue.articles[0];
    for (const x of a.reader.issue.articles) if (x.blocks.length > best.blocks.length) best = x;
    a.reader.goTo(best.id);
    return { id: best.id, blocks: best.blocks.length, last: best.blocks.at(-1).id };
  });
  expect(longest.blocks).toBeGreaterThan(120_000);

  // The first screen is there while the rest is still being laid out, and the page answers meanwhile.
  const rendering = page.locator('article .more[role=status]');
  await expect(rendering).toContainText('正在排版');
  const article = page.locator(`article[data-article-id="${longest.id}"]`);
  await expect(article.locator('.paragraph').first()).toBeVisible();
  await page.getByRole('button', { name: /^书库/ }).click();
  await expect(page.getByRole('dialog', { name: '书库' })).toBeVisible();
  await page.keyboard.press('Escape');

  // In the end every paragraph is there, the last one included.
  await expect(rendering).toHaveCount(0, { timeout: 120_000 });
  await expect(page.locator(`[data-block-id="${longest.last}"]`)).toHaveCount(1);
  expect(errors).toEqual([]);
});
