// A finger on a phone. A selection in the article (made as the system's handles leave it) brings the
// note toolbar below the passage, clear of the system's own copy menu above it, on screen, with buttons
// a thumb can hit; the composer is a sheet along the bottom edge; a tap on a highlighted passage later
// opens the notes drawer on that note.
import { expect, test, type Page } from '@playwright/test';
import { beReviewer, card, composer, openSample, selectPhrase, toolbar } from './notes-helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });

const PHRASE = '最大动力';

/** The on-screen box of the first occurrence of `phrase` in the article. */
function phraseBox(page: Page, phrase: string): Promise<{ x: number; y: number; bottom: number }> {
  return page.evaluate((phrase) => {
    for (const block of Array.from(document.querySelectorAll('article [data-block-id]'))) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + phrase.length);
        const r = range.getClientRects()[0]!;
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, bottom: r.bottom };
      }
    }
    throw new Error(`${phrase} not found`);
  }, phrase);
}

test('select with a finger, ask a question from the toolbar, and tap the passage to see the note', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await selectPhrase(page, PHRASE);
  await expect(toolbar(page)).toBeVisible();

  const passage = await phraseBox(page, PHRASE);
  const bar = (await toolbar(page).boundingBox())!;
  expect(bar.y, 'the toolbar sits below the selection').toBeGreaterThanOrEqual(passage.bottom);
  expect(bar.x).toBeGreaterThanOrEqual(0);
  expect(bar.x + bar.width).toBeLessThanOrEqual(390);
  for (const button of await toolbar(page).getByRole('button').all()) {
    const r = (await button.boundingBox())!;
    expect(Math.min(r.width, r.height)).toBeGreaterThanOrEqual(44);
  }

  await toolbar(page).getByRole('button', { name: '提问' }).tap();
  await expect(composer(page)).toBeVisible();
  const form = (await composer(page).boundingBox())!;
  expect(Math.round(form.y + form.height)).toBe(844);
  expect(Math.round(form.width)).toBe(390);
  await composer(page).getByLabel('内容').fill('这里的数字是否核实过？');
  await composer(page).getByRole('button', { name: '保存' }).tap();
  await expect(composer(page)).toHaveCount(0);

  // Saved: the notes drawer shows the new note; close it and the article is back.
  const drawer = page.locator('#notes-drawer');
  await expect(drawer).toBeVisible();
  await expect(card(page, '这里的数字是否核实过？')).toBeVisible();
  await drawer.locator('.drawer-close').tap();
  await expect(drawer).toBeHidden();

  // Later, a tap on the highlighted passage brings the note up again.
  await page.evaluate(() => getSelection()?.removeAllRanges());
  const again = await phraseBox(page, PHRASE);
  await page.touchscreen.tap(again.x, again.y);
  await expect(drawer).toBeVisible();
  await expect(card(page, '这里的数字是否核实过？')).toBeVisible();
});
