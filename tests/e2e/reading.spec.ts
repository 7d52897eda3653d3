// A reviewer opens the app and reads the bundled sample: contents, articles, history, keyboard,
// masthead and interface language.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { Issue } from '../../src/lib/issue/types';

const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';
const SECTIONS = ['学习强会', '新视点', '县级工会加强年', '市州动态', '基层活动'];

async function openSample(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
}

const contents = (page: Page) => page.getByRole('navigation', { name: '目录' });
const articleTitle = (page: Page) => page.locator('article [data-kind="title"]');

test('opens on the sample issue with its first article and its sections', async ({ page }) => {
  await openSample(page);
  const sectionHeadings = contents(page).locator('.contents-section > h3');
  for (const name of SECTIONS) await expect(sectionHeadings.filter({ hasText: name })).toHaveCount(1);
  await expect(contents(page).locator('[aria-current="page"]')).toContainText(FIRST_TITLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('article')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('aside.margin')).toBeVisible();
});

test('the article reads as printed: title, byline, paragraphs, a source line set apart', async ({ page }) => {
  await openSample(page);
  const article = page.locator('article');
  await expect(article.locator('h1[data-kind="title"]')).toHaveText(FIRST_TITLE);
  await expect(article.locator('header [data-kind="byline"]')).toHaveText('□ 习近平');
  expect(await article.locator('p[data-kind="paragraph"]').count()).toBeGreaterThan(5);
  const source = article.locator('[data-kind="source"]').last();
  await expect(source).toHaveText('（来源：新华社北京3月13日电）');
  await expect(source).toHaveCSS('text-align', 'right');
  const bodySize = await article.locator('[data-kind="paragraph"]').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const sourceSize = await source.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(sourceSize).toBeLessThan(bodySize);
});

test('a contents entry shows its article, changes the hash, and back returns', async ({ page }) => {
  await openSample(page);
  const firstHash = new URL(page.url()).hash;
  expect(firstHash).toMatch(/^#\/[^/]+\/[^/]+$/);

  const entry = contents(page).locator('a[data-article-id]').nth(1);
  const target = await entry.locator('.entry-title').innerText();
  await entry.click();
  await expect(articleTitle(page)).toHaveText(target);
  const secondHash = new URL(page.url()).hash;
  expect(secondHash).not.toBe(firstHash);
  expect(secondHash).toContain(await entry.getAttribute('data-article-id'));
  await expect(entry).toHaveAttribute('aria-current', 'page');

  await page.goBack();
  await expect(articleTitle(page)).toHaveText(FIRST_TITLE);
  expect(new URL(page.url()).hash).toBe(firstHash);
  await page.goForward();
  await expect(articleTitle(page)).toHaveText(target);

  // A reload keeps the article the hash names.
  await page.reload();
  await expect(articleTitle(page)).toHaveText(target);
});

test('the filter box narrows the contents', async ({ page }) => {
  await openSample(page);
  const links = contents(page).locator('a[data-article-id]');
  const all = await links.count();
  expect(all).toBeGreaterThan(10);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: '筛选目录' })).toBeFocused();
  await page.keyboard.type('马吉孝');
  await expect.poll(() => links.count()).toBeLessThan(all);
  expect(await links.count()).toBeGreaterThan(0);
  for (const text of await links.allInnerTexts()) expect(text).toContain('马吉孝');
  // j typed into the filter is text, not "next article".
  await page.keyboard.type('j');
  await expect(articleTitle(page)).toHaveText(FIRST_TITLE);
  await page.getByRole('searchbox', { name: '筛选目录' }).fill('没有这样的标题');
  await expect(links).toHaveCount(0);
  await expect(contents(page)).toContainText('没有与“没有这样的标题”相符的文章');
  await page.getByRole('searchbox', { name: '筛选目录' }).fill('');
  await expect(links).toHaveCount(all);
});

test('the keyboard moves between articles', async ({ page }) => {
  await openSample(page);
  const links = contents(page).locator('a[data-article-id]');
  const firstHash = new URL(page.url()).hash;
  await page.keyboard.press('j');
  await expect(articleTitle(page)).not.toHaveText(FIRST_TITLE);
  const second = await articleTitle(page).innerText();
  await expect(contents(page).locator('[aria-current="page"] .entry-title')).toHaveText(second);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(articleTitle(page)).not.toHaveText(second);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(articleTitle(page)).toHaveText(second);
  await page.keyboard.press('k');
  await expect(articleTitle(page)).toHaveText(FIRST_TITLE);
  expect(new URL(page.url()).hash).toBe(firstHash);
  // k on the first article stays put.
  await page.keyboard.press('k');
  await expect(articleTitle(page)).toHaveText(FIRST_TITLE);
  expect(await links.count()).toBeGreaterThan(2);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the masthead collapses and expands', async ({ page }) => {
  await openSample(page);
  const masthead = page.locator('#masthead');
  await expect(masthead).toHaveCount(0);
  await page.getByRole('button', { name: '显示刊物信息' }).click();
  await expect(masthead).toBeVisible();
  await expect(masthead.locator('.masthead-row').filter({ hasText: '主任' }).first()).toContainText('马吉孝');
  await expect(masthead).toContainText('青海省总工会');
  await page.getByRole('button', { name: '收起刊物信息' }).click();
  await expect(masthead).toHaveCount(0);
});

test('switching the language changes the interface and is remembered', async ({ page }) => {
  await openSample(page);
  await expect(page.getByRole('button', { name: '打开文件…' })).toBeVisible();
  await page.getByRole('combobox', { name: '界面语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Open file…' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Contents' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show masthead' })).toBeVisible();
  // The article text itself stays as printed.
  await expect(articleTitle(page)).toHaveText(FIRST_TITLE);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Open file…' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '打开文件…' })).toBeVisible();
});

test('the first-line indent toggle is remembered', async ({ page }) => {
  await openSample(page);
  const paragraph = page.locator('article [data-kind="paragraph"]').first();
  await expect(paragraph).toHaveCSS('text-indent', '0px');
  await page.getByRole('checkbox', { name: '首行缩进' }).check();
  await expect(paragraph).not.toHaveCSS('text-indent', '0px');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: '首行缩进' })).toBeChecked();
  await expect(page.locator('article [data-kind="paragraph"]').first()).not.toHaveCSS('text-indent', '0px');
});

test('exports the issue, and every exported block is painted with exactly its text', async ({ page }) => {
  await openSample(page);
  await page.getByText('导出', { exact: true }).click();
  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出为 Markdown (.md)' }).click(),
  ]);
  expect(markdown.suggestedFilename()).toBe('sample-issue.md');
  const markdownText = await readFile((await markdown.path())!, 'utf8');
  expect(markdownText).toContain('# 学习强会');
  expect(markdownText).toContain(`## ${FIRST_TITLE}`);

  await page.getByText('导出', { exact: true }).click();
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出为 JSON (.json)' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('sample-issue.json');
  const issue = JSON.parse(await readFile((await json.path())!, 'utf8')) as Issue;
  expect(issue.format).toBe('proofroom-issue');

  // The DOM contract others map ranges against: block text exactly, joins as empty marks.
  const withJoins = issue.articles.find((a) => a.blocks.some((b) => (b.joins ?? []).length > 0));
  expect(withJoins, 'the sample has stitched paragraphs').toBeTruthy();
  for (const article of [issue.articles[0]!, withJoins!]) {
    await page.goto(`./#/${issue.id}/${article.id}`);
    await expect(page.locator(`article[data-article-id="${article.id}"]`)).toBeVisible();
    const painted = await page.locator('article [data-block-id]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-block-id'),
        kind: el.getAttribute('data-kind'),
        text: el.textContent,
        joins: [...el.querySelectorAll('.join')].map((j) => j.childNodes.length),
      })),
    );
    expect(painted).toEqual(
      article.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text, joins: (b.joins ?? []).map(() => 0) })),
    );
  }
  await expect(page.locator('article .join').first()).toHaveAttribute('title', '拼接：此处原文被分页或分栏截断');
});
