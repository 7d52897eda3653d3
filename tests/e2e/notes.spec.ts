// A reviewer's day with notes: select a phrase, comment, suggest, reply, resolve, reload; what is
// painted; the name asked on first use; keys; the all-notes view; bodies that look like HTML.
import { expect, test } from '@playwright/test';
import { beReviewer, card, comment, composer, openSample, painted, selectPhrase, toolbar, ME } from './notes-helpers';

test('comment, suggest, reply and resolve; after a reload all of it is there and painted', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);

  await comment(page, '人民的信任', '这里是否要加引号？');
  const first = card(page, '这里是否要加引号？');
  await expect(first).toBeVisible();
  await expect(first.locator('.author')).toHaveText(ME.name);
  await expect.poll(() => painted(page, '人民的信任')).toBe(true);

  await selectPhrase(page, '崇高职务');
  await toolbar(page).getByRole('button', { name: '建议修改' }).click();
  const form = composer(page);
  await form.getByRole('combobox', { name: '类别' }).selectOption({ label: '文风' });
  await form.getByLabel('改为').fill('崇高的职务');
  await form.getByLabel('说明（可不填）').fill('读起来更顺');
  await form.getByRole('button', { name: '保存' }).click();
  const suggestion = card(page, '读起来更顺');
  await expect(suggestion.locator('del')).toHaveText('崇高职务');
  await expect(suggestion.locator('ins')).toHaveText('崇高的职务');
  await expect(suggestion).toContainText('文风');

  await first.click();
  await first.getByRole('textbox', { name: '回复' }).fill('同意，加上');
  await page.keyboard.press('Control+Enter');
  await expect(first.locator('.replies')).toContainText('同意，加上');
  await first.getByRole('button', { name: '解决' }).click();
  await expect(first).toContainText('已解决');
  await suggestion.getByRole('button', { name: '采纳', exact: true }).click();
  await expect(suggestion).toContainText('已采纳');

  const contentsEntry = page.locator('.contents a[aria-current="page"] .entry-notes');
  await expect(contentsEntry).toHaveText('0/2');

  await page.reload();
  await expect(page.locator('article h1')).toHaveText(/./);
  await expect(card(page, '这里是否要加引号？')).toContainText('已解决');
  await expect(card(page, '这里是否要加引号？').locator('.replies')).toContainText('同意，加上');
  await expect(card(page, '读起来更顺')).toContainText('已采纳');
  await expect(card(page, '读起来更顺').locator('ins')).toHaveText('崇高的职务');
  await expect.poll(() => painted(page, '人民的信任')).toBe(true);
  await expect.poll(() => painted(page, '崇高职务')).toBe(true);
});

test('Esc cancels the composer; Alt+C opens it from the keyboard', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await selectPhrase(page, '各位代表');
  await page.keyboard.press('Alt+C');
  await expect(composer(page)).toBeVisible();
  await expect(composer(page).getByLabel('内容')).toBeFocused();
  await page.keyboard.type('草稿');
  await page.keyboard.press('Escape');
  await expect(composer(page)).toHaveCount(0);
  await expect(page.locator('.notes-margin .note-card')).toHaveCount(0);
});

test('first use asks for a display name, then opens the composer', async ({ page }) => {
  await openSample(page);
  await selectPhrase(page, '人民的信任');
  await toolbar(page).getByRole('button', { name: '提问' }).click();
  const dialog = page.getByRole('dialog', { name: '你叫什么名字？' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('显示名').fill('小王');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toHaveCount(0);
  await composer(page).getByLabel('内容').fill('出处？');
  await page.keyboard.press('Control+Enter');
  await expect(card(page, '出处？').locator('.author')).toHaveText('小王');
  await expect(card(page, '出处？')).toContainText('提问');
  await page.reload();
  await expect(page.locator('.notes-margin .me')).toContainText('小王');
});

test('a body that looks like HTML shows as text and runs nothing', async ({ page }) => {
  await beReviewer(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openSample(page);
  const body = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
  await comment(page, '人民的信任', body);
  await expect(card(page, 'onerror=alert(1)').locator('.body')).toHaveText(body);
  expect(await page.locator('.notes-margin img, .notes-margin script').count()).toBe(0);
  await page.getByRole('tab', { name: /全部批注/ }).click();
  await expect(page.locator('.all-notes .body')).toHaveText(body);
  expect(await page.locator('.all-notes img').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('hovering and clicking highlighted text brings its note forward; n and p walk the notes', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '注一');
  await comment(page, '崇高职务', '注二');
  await comment(page, '各位代表和全国各族人民', '注三');
  await page.evaluate(() => getSelection()?.removeAllRanges());
  await page.locator('.notes-margin').click({ position: { x: 5, y: 5 } });

  // Point at the middle of the painted passage (once painted: it paints in the next frame).
  await expect.poll(() => painted(page, '崇高职务')).toBe(true);
  const box = await page.evaluate(() => {
    for (const [, h] of CSS.highlights) for (const r of h) if ((r as Range).toString() === '崇高职务') {
      const rect = (r as Range).getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  });
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x, box!.y);
  await expect(card(page, '注二')).toHaveClass(/hovered/);
  await page.mouse.click(box!.x, box!.y);
  await expect(card(page, '注二')).toHaveClass(/active/);

  // Reading order: 各位代表和全国各族人民 (block 3) → 人民的信任 → 崇高职务 (block 4).
  await page.keyboard.press('n');
  await expect(card(page, '注三')).toHaveClass(/active/);
  await page.keyboard.press('n');
  await expect(card(page, '注一')).toHaveClass(/active/);
  await page.keyboard.press('p');
  await expect(card(page, '注三')).toHaveClass(/active/);
});

test('the all-notes view filters and jumps to a note in another article', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await comment(page, '人民的信任', '第一篇的批注');
  await page.locator('.contents a[data-article-id]').nth(1).click();
  const secondTitle = await page.locator('article [data-kind="title"]').innerText();
  const phrase = await page.locator('article [data-kind="paragraph"]').first().evaluate((el) => (el.textContent ?? '').slice(2, 8));
  await comment(page, phrase, '第二篇的批注');
  await page.locator('.contents a[data-article-id]').first().click();
  await expect(page.locator('article h1')).not.toHaveText(secondTitle);

  await page.getByRole('tab', { name: /全部批注/ }).click();
  const entries = page.locator('.all-notes .entry');
  await expect(entries).toHaveCount(2);
  await page.getByRole('searchbox', { name: '搜索批注' }).fill('第二篇');
  await expect(entries).toHaveCount(1);
  await page.getByRole('searchbox', { name: '搜索批注' }).fill('');
  await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '提问' });
  await expect(entries).toHaveCount(0);
  await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '批注' });
  await expect(entries).toHaveCount(2);

  await entries.filter({ hasText: '第二篇的批注' }).click();
  await expect(page.locator('article [data-kind="title"]')).toHaveText(secondTitle);
  await expect(card(page, '第二篇的批注')).toHaveClass(/active/);
  await expect.poll(() => painted(page, phrase)).toBe(true);
});

test('signing an article off shows in the margin and the contents, and can be withdrawn', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await page.getByRole('button', { name: '标记为已校对' }).click();
  await expect(page.locator('.sign-off')).toContainText(ME.name);
  await expect(page.locator('.contents a[aria-current="page"] .entry-signed')).toBeVisible();
  await page.getByRole('button', { name: '撤销已校对标记' }).click();
  await expect(page.locator('.contents a[aria-current="page"] .entry-signed')).toHaveCount(0);
});
