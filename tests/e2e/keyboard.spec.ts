// A review with the keyboard alone (page.keyboard only: no mouse, no click): skip link, caret in the
// article, a selection made with Shift+arrows, comment, suggestion, reply, resolve, accept, sign-off.
// Also: dialogs keep and give back focus, the name dialog shows on a tablet, single-letter keys off.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { beReviewer, card, composer, FIRST_TITLE, ME, openSample, painted } from './notes-helpers';

const article = (page: Page) => page.locator('main article.article');
const selected = (page: Page) => page.evaluate(() => getSelection()?.toString() ?? '');

/** Presses `key` (Tab by default) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key = 'Tab', max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await target.count()) === 1 && (await target.evaluate((el) => el === document.activeElement))) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** The kind of block the caret (the selection's focus) is in. */
function caretBlock(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const node = getSelection()?.focusNode ?? null;
    const el = node instanceof Element ? node : (node?.parentElement ?? null);
    return el?.closest<HTMLElement>('[data-kind]')?.dataset.kind ?? null;
  });
}

/** From the caret, goes down line by line into body text, then selects `n` characters with Shift+→. */
async function pickPassage(page: Page, lines: number, n: number): Promise<string> {
  for (let i = 0; i < 30 && (await caretBlock(page)) !== 'paragraph'; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < lines; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < n; i++) await page.keyboard.press('Shift+ArrowRight');
  const quote = await selected(page);
  expect(quote).toHaveLength(n);
  return quote;
}

test('a whole review by keyboard: skip link, caret, comment, suggest, reply, resolve, accept, sign off', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused();
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(article(page)).toBeFocused();
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  await expect(page.locator('.article-caret')).toBeVisible();

  // A comment on a passage picked with the caret.
  const quote = await pickPassage(page, 1, 4);
  await expect(page.getByRole('toolbar', { name: '为选中的文字添加批注' })).toBeVisible();
  await page.screenshot({ path: 'test-results/keyboard-selection-1280.png' });
  await page.keyboard.press('Alt+C');
  await expect(composer(page).getByLabel('内容')).toBeFocused();
  await page.keyboard.type('键盘写的批注');
  await page.keyboard.press('Control+Enter');
  await expect(composer(page)).toHaveCount(0);
  const comment = card(page, '键盘写的批注');
  await expect(comment.locator('.author')).toHaveText(ME.name);
  await expect.poll(() => painted(page, quote)).toBe(true);
  // Focus is back in the article, where the caret was.
  await expect(article(page)).toBeFocused();

  // A replacement, further down.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const old = await pickPassage(page, 0, 2);
  await page.keyboard.press('Alt+S');
  await expect(composer(page).getByRole('textbox', { name: /^改为/ })).toBeFocused();
  await page.keyboard.type('新字');
  await page.keyboard.press('Control+Enter');
  await expect(composer(page)).toHaveCount(0);
  const suggestion = page.locator('.notes-margin .note-card', { has: page.locator('ins', { hasText: '新字' }) });
  await expect(suggestion).toBeVisible();
  await expect.poll(() => painted(page, old)).toBe(true);
  await expect(article(page)).toBeFocused();

  // p and n step through the notes and put focus on the card.
  await page.keyboard.press('p');
  await expect(comment).toBeFocused();
  await tabTo(page, comment.getByRole('textbox', { name: '回复' }));
  await page.keyboard.type('同意');
  await page.keyboard.press('Control+Enter');
  await expect(comment.locator('.replies')).toContainText('同意');
  await tabTo(page, comment.getByRole('button', { name: '解决' }));
  await page.keyboard.press('Enter');
  await expect(comment).toContainText('已解决');

  await page.keyboard.press('n');
  await expect(suggestion).toBeFocused();
  await tabTo(page, suggestion.getByRole('button', { name: '采纳', exact: true }));
  await page.keyboard.press('Enter');
  await expect(suggestion).toContainText('已采纳');

  const signOff = page.getByRole('button', { name: '标记为已校对' });
  await tabTo(page, signOff, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.notes-margin .sign-off')).toContainText(ME.name);
});

test('on a phone the keyboard alone makes a note and replies to it in the notes drawer', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await beReviewer(page);
  await openSample(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(article(page)).toBeFocused();
  const quote = await pickPassage(page, 0, 3);
  await page.keyboard.press('Alt+C');
  await expect(composer(page).getByLabel('内容')).toBeFocused();
  await expect(composer(page)).toBeInViewport();
  await page.keyboard.type('手机上用键盘');
  await page.screenshot({ path: 'test-results/keyboard-composer-390.png' });
  await page.keyboard.press('Control+Enter');
  await expect(composer(page)).toHaveCount(0);
  await expect.poll(() => painted(page, quote)).toBe(true);
  const note = card(page, '手机上用键盘');
  // The new note's card shows in the notes drawer, with focus in the drawer; Tab reaches its reply box.
  await expect(note).toBeInViewport();
  await expect(page.locator('#open-notes')).toHaveAttribute('aria-expanded', 'true');
  await tabTo(page, note.getByRole('textbox', { name: '回复' }));
  await page.keyboard.type('好');
  await page.keyboard.press('Control+Enter');
  await expect(note.locator('.replies')).toContainText('好');
  await page.screenshot({ path: 'test-results/keyboard-drawer-390.png' });
});

test('dialogs keep focus inside and give it back; the name dialog shows on a tablet', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await openSample(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(article(page)).toBeFocused();

  // No name yet: Alt+C asks for one first, in a dialog that is on screen, not behind a hidden column.
  await pickPassage(page, 0, 3);
  await page.keyboard.press('Alt+C');
  const dialog = page.getByRole('dialog', { name: '你叫什么名字？' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeInViewport();
  await expect(dialog.getByLabel('显示名')).toBeFocused();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await dialog.getByLabel('显示名').focus();
  await page.keyboard.type('键盘');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(composer(page)).toBeInViewport();
  await expect(composer(page).getByLabel('内容')).toBeFocused();
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  expect(await composer(page).evaluate((f) => f.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(composer(page)).toHaveCount(0);
  await expect(article(page)).toBeFocused();

  // The shortcut help: opened with ?, Tab stays inside, Esc gives focus back to the article.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(help).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(article(page)).toBeFocused();
});

test('single-letter shortcuts can be turned off, and stay off after a reload', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  const title = page.locator('article h1');
  await page.keyboard.press('j');
  await expect(title).not.toHaveText(FIRST_TITLE);
  await page.keyboard.press('k');
  await expect(title).toHaveText(FIRST_TITLE);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  const toggle = help.getByRole('checkbox', { name: /单字母快捷键/ });
  await expect(toggle).toBeChecked();
  await tabTo(page, toggle);
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.keyboard.press('j');
  await page.keyboard.press('?');
  await expect(help).toHaveCount(0);
  await expect(title).toHaveText(FIRST_TITLE);

  await page.reload();
  await expect(title).toHaveText(FIRST_TITLE);
  await page.waitForFunction(() => '__proofroom' in window);
  await page.keyboard.press('j');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(title).toHaveText(FIRST_TITLE);
  // Keys with a modifier still work.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(title).not.toHaveText(FIRST_TITLE);
});

for (const [width, height] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`at ${width}×${height} Tab never lands on something hidden or off screen`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await beReviewer(page);
    await openSample(page);
    const seen = new Set<string>();
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement | null;
        if (!focused || focused === document.body) return { ok: true, what: 'body' };
        // A transparent file input laid over its label: what shows (and shows the focus) is the label.
        const el = focused instanceof HTMLInputElement && focused.type === 'file' ? (focused.closest('label') ?? focused) : focused;
        const r = el.getBoundingClientRect();
        const shown = el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && !el.closest('[aria-hidden="true"], [inert]');
        // Inside the page: something scrolled into view may sit in a scrolling pane, but never off to a side.
        const inside = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
        const what = `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? ''}`;
        return { ok: shown && inside, what };
      });
      expect(where.ok, `focus on ${where.what} is visible`).toBe(true);
      seen.add(where.what);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
}
