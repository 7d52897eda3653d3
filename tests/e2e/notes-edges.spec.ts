// The notes' rough edges (issue 10): a suggestion box that does not append to the old text, where an
// insertion goes, long replacements trimmed to what changes; a fresh category; an empty comment asks;
// a new card always in view and none missing after quick notes; pages and the order in the
// all-notes list with replies; who and when on a sign-off, and a question before signing off open notes.
import { expect, test, type Page } from '@playwright/test';
import { beReviewer, card, comment, composer, openSample, painted, selectPhrase, toolbar, ME } from './notes-helpers';

const THIRD = '坚守党校初心 努力为党育才为党献策';

async function openArticle(page: Page, title: string): Promise<void> {
  await page.locator('.contents a[data-article-id]', { hasText: title }).first().click();
  await expect(page.locator('article [data-kind="title"]').first()).toContainText(title.split(' ')[0]!);
}

async function suggest(page: Page, phrase: string): Promise<void> {
  await selectPhrase(page, phrase);
  await toolbar(page).getByRole('button', { name: '建议修改' }).click();
  await expect(composer(page)).toBeVisible();
}

test('a replacement opens empty under the original, so typing replaces it: 高標準 → 高标准', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  await suggest(page, '高標準');
  const form = composer(page);
  await expect(form.getByTestId('original')).toHaveText('高標準');
  const box = form.getByRole('textbox', { name: '改为' });
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();
  await page.keyboard.type('高标准');
  await expect(box).toHaveValue('高标准');
  await page.screenshot({ path: 'test-results/edges-composer-replace.png' });
  await page.keyboard.press('Control+Enter');
  const made = page.locator('.notes-margin .note-card', { has: page.locator('ins', { hasText: '高标准' }) });
  await expect(made.locator('del')).toHaveText('高標準');
  await expect(made.locator('ins')).toHaveText('高标准');

  // To change one character of the passage, it can be put in the box and edited.
  await suggest(page, '人才强校战略');
  await composer(page).getByRole('button', { name: '填入原文再改' }).click();
  await expect(composer(page).getByRole('textbox', { name: '改为' })).toHaveValue('人才强校战略');
  await expect(composer(page).getByRole('textbox', { name: '改为' })).toBeFocused();
});

test('a long replacement shows only the characters that change, in the preview and on the card', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  const passage = '要把质量立校作为办学治校的生命工程，坚持高標準办学';
  await suggest(page, passage);
  await composer(page).getByRole('textbox', { name: '改为' }).fill(passage.replace('高標準', '高标准'));
  const preview = composer(page).getByTestId('change-preview');
  await expect(preview.locator('del')).toHaveText('標準');
  await expect(preview.locator('ins')).toHaveText('标准');
  await expect(preview).toHaveText('…，坚持高標準标准办学');
  await page.screenshot({ path: 'test-results/edges-composer-long.png' });
  await composer(page).getByRole('button', { name: '保存' }).click();
  const made = page.locator('.notes-margin .note-card', { has: page.locator('ins', { hasText: '标准' }) });
  await expect(made.locator('del')).toHaveText('標準');
  await expect(made.locator('ins')).toHaveText('标准');
  await expect(made).not.toContainText('生命工程');
});

test('an insertion shows where it goes, with the text before and after the point', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  await suggest(page, '人才强校');
  await composer(page).getByText('插入', { exact: true }).click();
  const at = composer(page).getByTestId('insert-at');
  // After the passage selected: …人才强校‸战略。…
  await expect(at).toHaveText('人才强校‸战略。');
  await expect(at.getByRole('img', { name: '插入点' })).toBeVisible();
  await composer(page).getByRole('textbox', { name: '改为' }).fill('的');
  await expect(at).toHaveText('人才强校‸的战略。');
  await composer(page).getByRole('button', { name: '保存' }).click();
  const made = page.locator('.notes-margin .note-card', { has: page.locator('ins', { hasText: '的' }) });
  await expect(made.locator('.change')).toHaveText('人才强校‸的战略。');
});

test('each note starts with no category, not the one picked before; an empty comment asks first', async ({ page }) => {
  let nativeDialogs = 0;
  page.on('dialog', (d) => {
    nativeDialogs++;
    void d.dismiss();
  });
  await beReviewer(page);
  await openSample(page);
  await selectPhrase(page, '人民的信任');
  await toolbar(page).getByRole('button', { name: '批注' }).click();
  const category = composer(page).getByRole('combobox', { name: '类别' });
  await expect(category).toHaveValue('');
  await category.selectOption({ label: '事实' });
  await composer(page).getByLabel('内容').fill('核对出处');
  await page.keyboard.press('Control+Enter');
  await expect(card(page, '核对出处')).toContainText('事实');

  await selectPhrase(page, '崇高职务');
  await toolbar(page).getByRole('button', { name: '批注' }).click();
  await expect(composer(page).getByRole('combobox', { name: '类别' })).toHaveValue('');

  // Nothing written: asked in the page, not saved yet; 继续写 goes back to the box.
  await page.keyboard.press('Control+Enter');
  const ask = composer(page).getByRole('alertdialog');
  await expect(ask).toContainText('还没有写内容');
  await page.screenshot({ path: 'test-results/edges-empty-comment.png' });
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(1);
  await ask.getByRole('button', { name: '继续写' }).click();
  await expect(ask).toHaveCount(0);
  await expect(composer(page).getByLabel('内容')).toBeFocused();
  await composer(page).getByRole('button', { name: '保存' }).click();
  await composer(page).getByRole('alertdialog').getByRole('button', { name: '仍然保存' }).click();
  await expect(composer(page)).toHaveCount(0);
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(2);
  // Saved with no category picked: filed under 其他.
  await expect(page.locator('.notes-margin .note-card', { hasNotText: '核对出处' })).toContainText('其他');
  expect(nativeDialogs).toBe(0);
});

/** The card's box and its passage's first line box, in viewport pixels. */
function cardAndPassage(page: Page, body: string, phrase: string) {
  return page.evaluate(
    ({ body, phrase }) => {
      const card = Array.from(document.querySelectorAll<HTMLElement>('.notes-margin .note-card')).find((c) => c.textContent?.includes(body));
      let passage: DOMRect | null = null;
      for (const [, h] of CSS.highlights) for (const r of h) if ((r as Range).toString() === phrase) passage = (r as Range).getClientRects()[0] ?? null;
      const margin = document.querySelector('.notes-margin .aligned')!.getBoundingClientRect();
      const c = card?.getBoundingClientRect();
      return {
        card: c ? { top: c.top, bottom: c.bottom } : null,
        passage: passage ? { top: passage.top } : null,
        margin: { top: margin.top, bottom: margin.bottom },
      };
    },
    { body, phrase },
  );
}

test('five quick notes in different paragraphs: each new card is in view beside its passage, none goes missing', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  // A phrase from every other paragraph, down the article (the page scrolls to each in turn).
  const phrases = await page.locator('article [data-kind="paragraph"]').evaluateAll((els) =>
    els.filter((el) => (el.textContent ?? '').length > 30).filter((_, i) => i % 2 === 1).slice(0, 5).map((el) => (el.textContent ?? '').slice(3, 9)),
  );
  expect(phrases).toHaveLength(5);
  for (const [i, phrase] of phrases.entries()) {
    await comment(page, phrase, `快注${i + 1}`);
    await expect(card(page, `快注${i + 1}`)).toBeInViewport();
    await expect.poll(() => painted(page, phrase)).toBe(true);
    // Level with its passage (same line, give or take a few pixels), inside the visible margin.
    await expect
      .poll(async () => {
        const at = await cardAndPassage(page, `快注${i + 1}`, phrase);
        return at.card && at.passage && Math.abs(at.card.top - at.passage.top) < 12 && at.card.top >= at.margin.top && at.card.bottom <= at.margin.bottom;
      })
      .toBe(true);
  }
  await page.screenshot({ path: 'test-results/edges-quick-notes.png' });
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(5);
  // Going back to each passage, its card is there beside it.
  for (const [i, phrase] of phrases.entries()) {
    await selectPhrase(page, phrase);
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await expect(card(page, `快注${i + 1}`)).toBeInViewport();
  }
});

test('a new card is in view after saving even when the article was scrolled far down', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  // Earlier notes at the top of the article stack their cards down the margin.
  const top = await page.locator('article [data-kind="paragraph"]').evaluateAll((els) => els.slice(0, 4).map((el) => (el.textContent ?? '').slice(2, 7)));
  for (const [i, phrase] of top.entries()) await comment(page, phrase, `上面${i}`);
  const last = await page.locator('article [data-kind="paragraph"]').last().evaluate((el) => (el.textContent ?? '').slice(2, 8));
  await comment(page, last, '最下面的批注');
  await expect(card(page, '最下面的批注')).toBeInViewport();
  await expect(card(page, '最下面的批注')).toHaveClass(/active/);
});

test('notes show their page; all notes are in the issue order by default, other orders on demand, with replies', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await openArticle(page, THIRD);
  await suggest(page, '高標準');
  await page.keyboard.type('高标准');
  await page.keyboard.press('Control+Enter');
  const later = page.locator('.notes-margin .note-card', { has: page.locator('ins', { hasText: '高标准' }) });
  await expect(later).toContainText('第 7 页');
  // A note made afterwards, in the first article (page 3), comes first in the order.
  await page.locator('.contents a[data-article-id]').first().click();
  await comment(page, '人民的信任', '第三页的批注');
  await expect(card(page, '第三页的批注')).toContainText('第 3 页');
  await card(page, '第三页的批注').click();
  await card(page, '第三页的批注').getByRole('textbox', { name: '回复' }).fill('已核，无误');
  await page.keyboard.press('Control+Enter');
  await expect(card(page, '第三页的批注').locator('.replies')).toContainText('已核，无误');

  await page.getByRole('tab', { name: /全部批注/ }).click();
  const entries = page.locator('.all-notes .entry');
  await expect(entries).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: '排序' })).toHaveValue('place');
  await expect(entries.nth(0)).toContainText('第 3 页');
  await expect(entries.nth(0)).toContainText('第三页的批注');
  await expect(entries.nth(0).locator('.replies')).toContainText('已核，无误');
  await expect(entries.nth(0).locator('.replies')).toContainText(ME.name);
  await expect(entries.nth(1)).toContainText('第 7 页');
  await page.screenshot({ path: 'test-results/edges-all-notes.png' });
  await page.getByRole('combobox', { name: '排序' }).selectOption({ label: '最早的在前' });
  await expect(entries.nth(0)).toContainText('高标准');
  await page.getByRole('combobox', { name: '排序' }).selectOption({ label: '最新的在前' });
  await expect(entries.nth(0)).toContainText('第三页的批注');
});

test('the proofread mark shows who and when; marking an article with open notes asks first, with the count', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '一');
  await comment(page, '崇高职务', '二');
  const mark = page.getByRole('button', { name: '标记为已校对' });
  await mark.click();
  const ask = page.locator('.sign-off').getByRole('alertdialog');
  await expect(ask).toContainText('还有 2 条未解决的批注');
  await page.screenshot({ path: 'test-results/edges-signoff-ask.png' });
  await ask.getByRole('button', { name: '先处理批注' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.locator('.contents a[aria-current="page"] .entry-signed')).toHaveCount(0);
  await expect(mark).toBeFocused();

  await card(page, '一').getByRole('button', { name: '解决' }).click();
  await mark.click();
  await expect(ask).toContainText('还有 1 条未解决的批注');
  await ask.getByRole('button', { name: '仍然标记为已校对' }).click();
  const signed = page.locator('.sign-off');
  await expect(signed).toContainText('已校对');
  await expect(signed.locator('.who')).toHaveText(ME.name);
  // When: the date and time, and how long ago.
  const year = String(new Date().getFullYear());
  await expect(signed.locator('.when')).toContainText(year);
  await expect(signed.locator('.when time')).toBeVisible();
  await expect(page.locator('.contents a[aria-current="page"] .entry-signed')).toBeVisible();
  // Nowhere does the interface call it 签发 (the editor-in-chief's approval to print).
  await expect(page.locator('body')).not.toContainText('签发');
});

for (const size of [
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} the suggestion composer with its original and preview fits on screen`, async ({ page }) => {
    await page.setViewportSize(size);
    await beReviewer(page);
    await openSample(page);
    // A long passage of the first article (the contents are a drawer on narrow screens).
    const text = await page
      .locator('article [data-kind="paragraph"]')
      .evaluateAll((els) => (els.map((el) => el.textContent ?? '').find((t) => t.length > 30) ?? '').slice(0, 24));
    await selectPhrase(page, text);
    await page.keyboard.press('Alt+S');
    const form = composer(page);
    await expect(form.getByTestId('original')).toHaveText(text);
    // One character changed in the middle: the preview shows that one.
    const chars = Array.from(text);
    chars[12] = '〇';
    await form.getByRole('textbox', { name: '改为' }).fill(chars.join(''));
    await expect(form.getByTestId('change-preview').locator('ins')).toHaveText('〇');
    await expect(form).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `test-results/edges-composer-${size.width}.png` });
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toHaveCount(0);
  });
}
