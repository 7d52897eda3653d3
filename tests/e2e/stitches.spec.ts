// Stitches (where the parser joined a paragraph a page or column break cut in two) as a reviewer
// checks them: marks that can be seen, a count and a list, `b` to the next one, and a split into two
// paragraphs that reaches a colleague over WebRTC while the notes on that paragraph stay anchored.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { closeAll, openSample, person, share } from './collab-helpers';
import { painted } from './notes-helpers';

test.describe.configure({ timeout: 90_000 });

const FIRST = 'agtlcihu';
const marks = (page: Page) => page.locator(`article[data-article-id="${FIRST}"] .join`);

test('stitches are clearly marked, counted, listed and stepped through with b', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const { page } = a;
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByTestId('stitch-count')).toHaveText('本篇 3 处拼接');
  await expect(marks(page)).toHaveCount(3);
  // The mark is drawn at full strength in the accent colour, not faded out until hovered.
  const look = await marks(page)
    .first()
    .evaluate((el) => {
      const s = getComputedStyle(el, '::before');
      return { opacity: s.opacity, colour: s.color, content: s.content };
    });
  expect(look).toEqual({ opacity: '1', colour: 'rgb(155, 44, 31)', content: '"⁞"' });

  await page.getByRole('button', { name: '拼接列表' }).click();
  const items = page.locator('[data-stitch-item]');
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText('不可逆转的历⁞史进程');
  // The open list, its buttons and the marks pass axe (any impact).
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="stitch-bar"]').include('article').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let n = 0; n < 3; n++) {
    await page.keyboard.press('b');
    const current = page.locator('.join.current');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('data-stitch', (await marks(page).nth(n).getAttribute('data-stitch'))!);
    await expect(current).toBeInViewport();
  }
  await page.screenshot({ path: 'test-results/stitches-1440.png' });
  // After the last stitch of the article, b goes on to the next article that has one.
  await page.keyboard.press('b');
  await expect(page.locator('article h1')).not.toHaveText('在第十四届全国人民代表大会第一次会议上的讲话');
  await expect(page.locator('.join.current')).toBeInViewport();
  await expect(page.getByTestId('stitch-count')).toHaveText('本篇 2 处拼接');
  await closeAll(a);
});

test('a split stitch is shared with a colleague, shown as two paragraphs, and notes on it still anchor', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(b.page.locator('article h1')).toHaveText('在第十四届全国人民代表大会第一次会议上的讲话');
  // A note on each side of the first stitch (block .6, joined at 174).
  const quotes = await a.page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const article = app.reader.article;
    const block = article.blocks.find((x: { id: string }) => x.id.endsWith('.6'));
    const out: string[] = [];
    for (const [start, end] of [[160, 170], [176, 184]] as const) {
      const quote = block.text.slice(start, end);
      const target = { articleId: article.id, blockId: block.id, start, endBlockId: block.id, end, quote, prefix: block.text.slice(start - 20, start), suffix: block.text.slice(end, end + 20) };
      const r = app.desk.session.createNote({ target, kind: 'comment', category: 'typo', body: `拼接旁 ${start}` });
      if (!r.ok) throw new Error(r.reason);
      out.push(quote);
    }
    return out;
  });
  for (const q of quotes) await expect.poll(() => painted(b.page, q)).toBe(true);

  await a.page.getByRole('button', { name: '拼接列表' }).click();
  await a.page.locator('[data-stitch-item]').first().getByRole('button', { name: '拆为两段' }).click();
  for (const p of [a, b]) {
    const split = p.page.locator(`.join.split[data-stitch$=":${FIRST}.6@174"]`);
    await expect(split).toHaveCount(1);
    // A paragraph break: the mark takes the whole line, and the text after it starts a new line.
    const box = await split.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    for (const q of quotes) await expect.poll(() => painted(p.page, q)).toBe(true);
    await expect(p.page.locator('aside.margin').getByText('拼接旁 176', { exact: true })).toBeVisible();
  }
  await b.page.getByRole('button', { name: '拼接列表' }).click();
  const item = b.page.locator('[data-stitch-item]').first();
  await expect(item).toContainText('王敏 已拆为两段');
  await split(b.page).scrollIntoViewIfNeeded();
  await b.page.screenshot({ path: 'test-results/stitches-split-peer.png' });

  // Either of them can make it one paragraph again; the other sees it.
  await item.getByRole('button', { name: '恢复为一段' }).click();
  await expect(a.page.locator('.join.split')).toHaveCount(0);
  await expect(a.page.locator('[data-stitch-item]').first().getByRole('button', { name: '拆为两段' })).toBeVisible();
  await closeAll(a, b);
});

const split = (page: Page) => page.locator('.join.split').first();

test('a peer’s unreadable stitch records neither crash the view nor hide the good ones', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await a.page.evaluate((first) => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const map = app.desk.session.doc.getMap('stitches');
    const proof = app.reader.issue.id;
    map.set(`${proof}:${first}.6@174`, ['split', 'u-peer', 'x'.repeat(5000), 'javascript:alert(1)', 'soon']);
    map.set(`${proof}:${first}.9@121`, ['obliterate', 'u-peer', '坏人', '#000000', 1]);
    map.set('garbage key', { any: 'thing' });
    map.set(`${proof}:${first}.12@149`, 42);
  }, FIRST);
  await expect(a.page.locator('.join.split')).toHaveCount(1);
  await expect(marks(a.page)).toHaveCount(3);
  await expect(a.page.getByTestId('stitch-bar')).toContainText('有 3 条拼接记录无法读取，已忽略');
  await a.page.getByRole('button', { name: '拼接列表' }).click();
  await expect(a.page.locator('[data-stitch-item]').first()).toContainText('? 已拆为两段');
  await expect(a.page.locator('[data-stitch-item]').nth(1).getByRole('button', { name: '拆为两段' })).toBeVisible();
  await closeAll(a);
});
