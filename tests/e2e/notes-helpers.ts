// Shared steps of the notes specs: open the sample with the test hook, select a phrase of the
// article the way a mouse would leave it (a DOM selection), and read what the painter set.
import { expect, type Page } from '@playwright/test';

export const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';
export const ME = { id: 'utester0001', name: '校对甲', colour: '#c2410c' };

/** Remembers a reviewer's identity before the app starts (so no name dialog). */
export async function beReviewer(page: Page, who = ME): Promise<void> {
  await page.addInitScript((value) => localStorage.setItem('proofroom.identity', value), JSON.stringify(who));
}

export async function openSample(page: Page): Promise<void> {
  await page.goto('./?test');
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  await page.waitForFunction(() => '__proofroom' in window);
}

/** Selects the first occurrence of `phrase` inside one block of the article. */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  const ok = await page.evaluate((phrase) => {
    for (const block of Array.from(document.querySelectorAll('article [data-block-id]'))) {
      const at = (block.textContent ?? '').indexOf(phrase);
      if (at < 0) continue;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      let startSet = false;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const len = n.data.length;
        if (!startSet && at < seen + len) {
          range.setStart(n, at - seen);
          startSet = true;
        }
        if (startSet && at + phrase.length <= seen + len) {
          range.setEnd(n, at + phrase.length - seen);
          break;
        }
        seen += len;
      }
      block.scrollIntoView({ block: 'center' });
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
    return false;
  }, phrase);
  expect(ok, `phrase ${phrase} is in the article`).toBe(true);
}

/** True when some painted highlight range covers exactly `phrase`. */
export function painted(page: Page, phrase: string): Promise<boolean> {
  return page.evaluate((phrase) => {
    for (const [, h] of CSS.highlights) for (const r of h) if ((r as Range).toString() === phrase) return true;
    return false;
  }, phrase);
}

export const toolbar = (page: Page) => page.getByRole('toolbar', { name: '为选中的文字添加批注' });
export const composer = (page: Page) => page.getByRole('form', { name: '新批注' });
export const card = (page: Page, text: string) => page.locator('.notes-margin .note-card', { hasText: text });

/** Selects `phrase`, writes a comment with `body` from the toolbar and saves with Ctrl+Enter. */
export async function comment(page: Page, phrase: string, body: string): Promise<void> {
  await selectPhrase(page, phrase);
  await toolbar(page).getByRole('button', { name: '批注' }).click();
  await composer(page).getByLabel('内容').fill(body);
  await page.keyboard.press('Control+Enter');
  await expect(composer(page)).toHaveCount(0);
}
