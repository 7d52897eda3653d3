// The library of opened issues: a file opened through the file input is kept in IndexedDB and
// survives a reload; a bad file shows what was wrong and leaves the library as it was.
import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';
const FIXTURE = fileURLToPath(new URL('./fixtures/harbour-notes.md', import.meta.url));
// A PNG signature and the start of an IHDR chunk: what an image really begins with.
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

const fileInput = (page: Page) => page.getByTestId('open-file');
const libraryItems = (page: Page) => page.locator('.library-list > li');

async function openSample(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
}

async function showLibrary(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: /^书库/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.getByRole('dialog', { name: '书库' })).toBeVisible();
}

async function libraryTitles(page: Page): Promise<string[]> {
  await showLibrary(page);
  const titles = await page.locator('.library-list .library-title').allInnerTexts();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '书库' })).toHaveCount(0);
  return titles;
}

test('a file opened through the file input joins the library and survives a reload', async ({ page }) => {
  await openSample(page);
  expect(await libraryTitles(page)).toHaveLength(1);

  await fileInput(page).setInputFiles(FIXTURE);
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
  await expect(page.locator('article')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.contents-section > h3')).toHaveText(['Features', 'Letters']);
  const hash = new URL(page.url()).hash;

  await showLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);
  const entry = libraryItems(page).filter({ hasText: 'Harbour Notes, Spring 2024' });
  await expect(entry).toContainText('harbour-notes.md');
  await expect(entry).toContainText('正在阅读');
  await expect(entry.locator('.library-meta')).toContainText(/\d+ B/);

  // Opening the same file again does not add it twice.
  await fileInput(page).setInputFiles(FIXTURE);
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
  await expect(page.locator('.parse-progress')).toHaveCount(0);
  expect(await libraryTitles(page)).toHaveLength(2);

  await page.reload();
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
  expect(new URL(page.url()).hash).toBe(hash);
  const titles = await libraryTitles(page);
  expect(titles).toHaveLength(2);
  expect(titles).toContain('Harbour Notes, Spring 2024');

  // Reopen the sample from the library, then come back with the browser's back button.
  await showLibrary(page);
  await libraryItems(page).filter({ hasNotText: 'Harbour Notes' }).locator('.library-open').click();
  await expect(page.getByRole('dialog', { name: '书库' })).toHaveCount(0);
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  await page.goBack();
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
});

for (const bad of [
  { label: 'an empty file', file: { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }, message: '文件是空的。' },
  { label: 'a PNG image', file: { name: 'photo.png', mimeType: 'image/png', buffer: PNG }, message: '这是一个图片文件，不是文本。' },
]) {
  test(`${bad.label} shows its message and leaves the library untouched`, async ({ page }) => {
    await openSample(page);
    const before = await libraryTitles(page);
    const hash = new URL(page.url()).hash;

    await fileInput(page).setInputFiles(bad.file);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`无法打开“${bad.file.name}”`);
    await expect(alert).toContainText(bad.message);
    // The open issue stays on screen and the library keeps what it had.
    await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
    expect(new URL(page.url()).hash).toBe(hash);
    expect(await libraryTitles(page)).toEqual(before);

    await alert.getByRole('button', { name: '关闭' }).click();
    await expect(alert).toHaveCount(0);

    await page.reload();
    await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
    expect(await libraryTitles(page)).toEqual(before);
  });
}

test('the error message follows the interface language', async ({ page }) => {
  await openSample(page);
  await page.getByRole('combobox', { name: '界面语言' }).selectOption('en');
  await fileInput(page).setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText('The file is empty.');
});

test('deleting an issue asks first, then removes it for good', async ({ page }) => {
  await openSample(page);
  await fileInput(page).setInputFiles(FIXTURE);
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
  await showLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);

  const entry = libraryItems(page).filter({ hasText: 'Harbour Notes' });
  await entry.getByRole('button', { name: '删除' }).click();
  await entry.getByRole('button', { name: '取消' }).click();
  await expect(libraryItems(page)).toHaveCount(2);

  await entry.getByRole('button', { name: '删除' }).click();
  await expect(entry).toContainText('从书库删除“Harbour Notes, Spring 2024”？');
  await entry.getByRole('button', { name: '确定删除' }).click();
  await expect(libraryItems(page)).toHaveCount(1);
  // The deleted issue was open, so the reader moves to what is left.
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);

  await page.reload();
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  expect(await libraryTitles(page)).toHaveLength(1);
});

test('a file dropped anywhere on the window is opened', async ({ page }) => {
  await openSample(page);
  const text = await readFile(FIXTURE, 'utf8');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.md', { type: 'text/markdown' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, text);
  await expect(page.locator('article [data-kind="title"]')).toHaveText('The Lighthouse Keeper');
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  expect(await libraryTitles(page)).toContain('Harbour Notes, Spring 2024');
});

test('a long parse shows its progress, can be cancelled, and leaves the library as it was', async ({ page }, testInfo) => {
  await openSample(page);
  const before = await libraryTitles(page);
  const sample = await readFile(fileURLToPath(new URL('../../static/sample-issue.txt', import.meta.url)));
  // About 50 MB. At 10 MB the parse was over in half a second and, once in a loaded CI run, had
  // finished before Cancel could be pressed; this size keeps the page busy for seconds.
  const big = Buffer.concat(Array.from({ length: 320 }, () => sample));

  // From a file on disk: a buffer this size would cross to the browser as base64, slowly.
  const path = testInfo.outputPath('big-issue.txt');
  await writeFile(path, big);
  await fileInput(page).setInputFiles(path);
  const progress = page.getByRole('status').filter({ hasText: 'big-issue.txt' });
  await expect(progress.locator('progress')).toBeVisible();
  await progress.getByRole('button', { name: '取消' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  expect(await libraryTitles(page)).toEqual(before);
});
