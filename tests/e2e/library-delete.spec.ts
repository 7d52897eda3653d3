// Deleting an issue from the library: by default its notes stay on this device and come back when
// the same file is opened again; ticking "also delete its notes" removes them and stops sharing it.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beReviewer, card, comment, openSample, FIRST_TITLE } from './notes-helpers';

const SAMPLE = fileURLToPath(new URL('../../static/sample-issue.txt', import.meta.url));

async function deleteCurrent(page: Page, { notes }: { notes: boolean }): Promise<void> {
  await page.getByRole('button', { name: /^书库/ }).click();
  const library = page.getByRole('dialog', { name: '书库' });
  await library.getByRole('button', { name: '删除' }).click();
  const box = library.getByRole('checkbox', { name: /同时删除本机上的批注/ });
  await expect(box).not.toBeChecked();
  if (notes) await box.check();
  await library.getByRole('button', { name: '确定删除' }).click();
  await expect(library.locator('.library-list > li')).toHaveCount(0);
  await page.keyboard.press('Escape');
}

async function openSampleFile(page: Page): Promise<void> {
  await page.getByTestId('open-file').setInputFiles({
    name: 'sample-issue.txt',
    mimeType: 'text/plain',
    buffer: await readFile(SAMPLE),
  });
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
}

const rooms = (page: Page) => page.evaluate(() => localStorage.getItem('proofroom.rooms') ?? '');

test('deleting an issue keeps its notes unless asked; asked, the notes and the room are gone', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  const issueId = await page.evaluate(() => (window as unknown as { __proofroomApp: { reader: { issue: { id: string } } } }).__proofroomApp.reader.issue.id);
  await comment(page, '人民的信任', '删了文本，批注还在吗？');
  await expect(card(page, '删了文本，批注还在吗？')).toBeVisible();
  await page.evaluate(() => (window as unknown as { __proofroomApp: { collab: { share(): string } } }).__proofroomApp.collab.share());
  expect(await rooms(page)).toContain(issueId);

  // Plain delete: the text leaves the library; the notes and the room stay for when it comes back.
  await deleteCurrent(page, { notes: false });
  await expect(page.locator('article h1')).toHaveCount(0);
  expect(await rooms(page)).toContain(issueId);
  await openSampleFile(page);
  await expect(card(page, '删了文本，批注还在吗？')).toBeVisible();

  // Delete with its notes: nothing of the review is left, in the page, on disk, or in the rooms.
  await deleteCurrent(page, { notes: true });
  await expect.poll(() => rooms(page)).not.toContain(issueId);
  await expect
    .poll(() => page.evaluate(async (id) => (await indexedDB.databases()).some((d) => d.name === `proofroom-review:${id}`), issueId))
    .toBe(false);
  await page.reload();
  await openSampleFile(page);
  await expect(page.locator('.notes-margin')).toBeVisible();
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(0);
  expect(await rooms(page)).not.toContain(issueId);
});
