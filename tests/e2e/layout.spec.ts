// The page at every width a reviewer brings: a desktop, a laptop, a tablet upright and on its side, a
// phone. At each: the article keeps a comfortable measure, nothing scrolls sideways, the top bar keeps
// to one row; below 900 px contents and notes are drawers opened from the top bar, closed with Esc or
// their × with focus back on the button; on touch screens a selection offers the note toolbar, the
// composer opens by the passage (a bottom sheet on a phone) and every control is a 44 px target.
// Screenshots of each state go to test-results/screens/<width>-<state>.png.
import { expect, test, type Page } from '@playwright/test';
import { beReviewer, card, composer, openSample, selectPhrase, toolbar } from './notes-helpers';
import { box, charsPerLine, screen, sidewaysOverflow, smallTargets, topBarProblems } from './layout-helpers';

interface Width {
  width: number;
  height: number;
  touch: boolean;
  /** Least characters on a line of the article. */
  measure: number;
}

const WIDTHS: Width[] = [
  { width: 1440, height: 900, touch: false, measure: 30 },
  { width: 1024, height: 768, touch: false, measure: 25 },
  { width: 1180, height: 820, touch: true, measure: 25 },
  { width: 820, height: 1180, touch: true, measure: 30 },
  { width: 390, height: 844, touch: true, measure: 20 },
];

const PHRASE = '表示衷心感谢';
const contentsNav = (page: Page) => page.getByRole('navigation', { name: '目录' });

async function press(page: Page, touch: boolean, locator: ReturnType<Page['locator']>): Promise<void> {
  if (touch) await locator.tap();
  else await locator.click();
}

async function fits(page: Page, w: Width, state: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${state}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  const bar = await topBarProblems(page);
  expect(bar.problems, `${state}: top bar`).toEqual([]);
  expect(bar.height, `${state}: the top bar is one row`).toBeLessThanOrEqual(56);
  if (w.touch) expect(await smallTargets(page), `${state}: tap targets under 44 px`).toEqual([]);
}

for (const w of WIDTHS) {
  const narrow = w.width < 900;
  test.describe(`${w.width}×${w.height}`, () => {
    test.use({ viewport: { width: w.width, height: w.height }, hasTouch: w.touch, isMobile: w.touch, deviceScaleFactor: 1 });

    test(`reading, contents, composer and notes fit at ${w.width}`, async ({ page }) => {
      await beReviewer(page);
      await openSample(page);
      await expect.poll(() => charsPerLine(page), 'characters per line of the article').toBeGreaterThanOrEqual(w.measure);
      await fits(page, w, 'reading');

      const openContents = page.getByTestId('open-contents');
      const openNotes = page.getByTestId('open-notes');
      if (narrow) {
        // The columns are drawers: out of sight until their buttons open them.
        await expect(contentsNav(page)).toBeHidden();
        await expect(page.locator('#notes-drawer')).toBeHidden();
        await expect(openContents).toBeVisible();
        await expect(openNotes).toBeVisible();
      } else {
        await expect(contentsNav(page)).toBeVisible();
        await expect(page.locator('aside.margin')).toBeVisible();
        await expect(openContents).toBeHidden();
        await expect(openNotes).toBeHidden();
      }
      await screen(page, `${w.width}-reading`);

      if (narrow) {
        // Contents drawer: opens with focus on the current article, Esc closes it and focus returns.
        await press(page, w.touch, openContents);
        await expect(contentsNav(page)).toBeVisible();
        await expect(openContents).toHaveAttribute('aria-expanded', 'true');
        await expect(page.locator('#pane-contents')).toHaveAttribute('role', 'dialog');
        await expect(page.locator('#pane-contents [aria-current="page"]')).toBeFocused();
        await fits(page, w, 'contents drawer');
        await screen(page, `${w.width}-contents`);
        await page.keyboard.press('Escape');
        await expect(contentsNav(page)).toBeHidden();
        await expect(openContents).toBeFocused();

        // Picking an article in the drawer shows it and closes the drawer.
        await press(page, w.touch, openContents);
        const second = contentsNav(page).locator('a[data-article-id]').nth(1);
        const title = await second.locator('.entry-title').innerText();
        await press(page, w.touch, second);
        await expect(page.locator('article h1')).toHaveText(title);
        await expect(contentsNav(page)).toBeHidden();
        await page.goBack();
        await expect(page.locator('article h1')).not.toHaveText(title);
      }

      // A selection offers the note toolbar, on screen, even on a phone.
      await selectPhrase(page, PHRASE);
      await expect(toolbar(page)).toBeVisible();
      const bar = await box(page, '.selection-toolbar');
      expect(bar.x).toBeGreaterThanOrEqual(0);
      expect(bar.x + bar.width).toBeLessThanOrEqual(w.width);
      await press(page, w.touch, toolbar(page).getByRole('button', { name: '批注' }));
      await expect(composer(page)).toBeVisible();
      const form = await box(page, 'form.composer');
      expect(form.x).toBeGreaterThanOrEqual(0);
      expect(form.x + form.width).toBeLessThanOrEqual(w.width + 0.5);
      expect(form.y + form.height).toBeLessThanOrEqual(w.height + 0.5);
      if (w.width < 600) {
        // A bottom sheet the width of the phone.
        expect(Math.round(form.width)).toBe(w.width);
        expect(Math.round(form.y + form.height)).toBe(w.height);
      }
      await fits(page, w, 'composer');
      await screen(page, `${w.width}-composer`);

      await composer(page).getByLabel('内容').fill('此处语气可再斟酌');
      await press(page, w.touch, composer(page).getByRole('button', { name: '保存' }));
      await expect(composer(page)).toHaveCount(0);

      // The new note is shown: beside the article, or in the notes drawer that opens by itself.
      await expect(card(page, '此处语气可再斟酌')).toBeVisible();
      if (narrow) {
        await expect(openNotes).toHaveAttribute('aria-expanded', 'true');
        await expect(openNotes).toContainText('1');
      }
      await fits(page, w, 'notes');
      await screen(page, `${w.width}-notes`);

      if (w.touch) {
        // The margin's other tabs and the folded top-bar menu are thumb-sized too.
        const margin = narrow ? page.locator('#notes-drawer') : page.locator('aside.margin');
        for (const tab of ['全部批注', '校对助手', '本文']) {
          await press(page, w.touch, margin.getByRole('tab', { name: new RegExp(tab) }));
          await expect(margin.getByRole('tab', { name: new RegExp(tab) })).toHaveAttribute('aria-selected', 'true');
          expect(await smallTargets(page), `${tab}: tap targets under 44 px`).toEqual([]);
        }
        if (narrow) {
          await page.keyboard.press('Escape');
          await expect(page.locator('#notes-drawer')).toBeHidden();
          await expect(openNotes).toBeFocused();
        }
        await press(page, w.touch, page.getByTestId('more-button'));
        await expect(page.locator('#topbar-tools')).toBeVisible();
        await fits(page, w, 'more menu');
        await press(page, w.touch, page.getByTestId('more-button'));
        await expect(page.locator('#topbar-tools')).toBeHidden();
        if (narrow) await press(page, w.touch, openNotes);
      }

      if (narrow) {
        // The drawer's × closes it and gives focus back to the notes button; the button opens it again.
        await press(page, w.touch, page.locator('#notes-drawer .drawer-close'));
        await expect(page.locator('#notes-drawer')).toBeHidden();
        await expect(openNotes).toBeFocused();
        await press(page, w.touch, openNotes);
        await expect(page.locator('#notes-drawer')).toBeVisible();
        await expect(page.locator('#notes-drawer [role="tab"][aria-selected="true"]')).toBeFocused();
        await expect(card(page, '此处语气可再斟酌')).toBeVisible();
        // Tab stays inside the open drawer.
        for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('#notes-drawer'))).toBe(true);
        await page.keyboard.press('Escape');
        await expect(page.locator('#notes-drawer')).toBeHidden();
        await expect(openNotes).toBeFocused();
      }
    });
  });
}

test.describe('folded top bar', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('library, open, export, language and shortcuts fold into a menu that Esc closes', async ({ page }) => {
    await beReviewer(page);
    await openSample(page);
    const more = page.getByTestId('more-button');
    await expect(page.getByRole('button', { name: /书库/ })).toBeHidden();
    await more.click();
    await expect(page.getByRole('button', { name: /书库/ })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '界面语言' })).toBeVisible();
    await expect(page.getByRole('button', { name: /书库/ })).toBeFocused();
    await screen(page, '1024-menu');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: /书库/ })).toBeHidden();
    await expect(more).toBeFocused();
    // A choice in the menu closes it and does its work.
    await more.click();
    await page.getByRole('button', { name: /书库/ }).click();
    await expect(page.getByTestId('more-button')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('dialog', { name: '书库' })).toBeVisible();
  });
});

test.describe('English on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });

  test('longer English labels still keep the top bar to one row with nothing off screen', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('proofroom.lang', 'en'));
    await beReviewer(page);
    await openSample(page);
    await expect(page.getByTestId('open-notes')).toHaveAccessibleName('Open the notes');
    await fits(page, WIDTHS[WIDTHS.length - 1]!, 'English');
    await screen(page, '390-reading-en');
    // Shared, the sync and save words join the bar: at 600–820 px in English they pushed it off screen.
    await page.evaluate(() => (window as unknown as { __proofroomApp: { collab: { share(): void } } }).__proofroomApp.collab.share());
    await expect(page.getByTestId('network-status')).toHaveAttribute('data-state', /connecting|connected|no-relay/);
    for (const width of [600, 820]) {
      await page.setViewportSize({ width, height: 1000 });
      await fits(page, { ...WIDTHS[WIDTHS.length - 1]!, width, touch: false }, `English, shared, ${width} px`);
    }
  });
});
