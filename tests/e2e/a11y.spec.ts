// axe-core on every main state of the app, at every width the layouts are built for: reading with
// notes on screen, the composer open, all notes, the checker tab, the collaboration panel, the
// library, the shortcut help, the 核红 list and the side-by-side compare. Zero violations, of any
// impact. Also: the ARIA annotation roles tie each noted passage to its note's card, and a
// colleague's new note is told in the polite live region.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { closeAll, openSample as openAs, person, share, status } from './collab-helpers';
import { beReviewer, composer, openSample, selectPhrase } from './notes-helpers';
import { noteOn, revisedSample } from './rounds-helpers';

const SIZES = [
  [1440, 900],
  [1024, 768],
  [820, 1180],
  [390, 844],
] as const;

const PROOF_2: Array<[string, string]> = [['这一崇高职务', '这一光荣职务']];

/** Runs axe and fails with a readable list of every violation (rule, impact, elements). */
async function noViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`).slice(0, 5).join(' | ')}`,
  );
  expect.soft(found, `axe in state "${state}"`).toEqual([]);
}

const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

/** Narrow screens keep the notes in a drawer: pull it out. */
async function showNotes(page: Page): Promise<void> {
  if (await visible(page, '#open-notes')) {
    if ((await page.locator('#open-notes').getAttribute('aria-expanded')) !== 'true') await page.locator('#open-notes').click();
  }
  await expect(page.locator('.notes-margin [role="tab"]').first()).toBeVisible();
}

/** Controls folded into the top bar's "more" menu below 1200 px. */
async function showTools(page: Page): Promise<void> {
  const more = page.getByTestId('more-button');
  if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

// The whole-app sweep runs at the two layouts' extremes: three columns (1440) and drawers (390). 1024 and
// 820 render the same DOM with other widths (and ran clean while they were here, costing 78 s of the
// suite's 15 minutes); the 核红 and compare views, which lay out differently at each, keep all four.
const SWEEP = SIZES.filter(([width]) => width === 1440 || width === 390);

for (const [width, height] of SWEEP) {
  test(`no axe violations at ${width}×${height}: reading, composer, all notes, checker, collaboration, library, help`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await beReviewer(page);
    await openSample(page);
    await noteOn(page, '人民的信任', { kind: 'comment', body: '这里是否要加引号？' });
    await noteOn(page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
    await noViolations(page, 'reading');

    await selectPhrase(page, '各位代表');
    await page.keyboard.press('Alt+C');
    await expect(composer(page)).toBeVisible();
    await noViolations(page, 'composer open');
    await page.keyboard.press('Escape');
    await expect(composer(page)).toHaveCount(0);

    await showNotes(page);
    await noViolations(page, 'notes');
    await page.locator('.notes-margin [role="tab"]').nth(1).click();
    await expect(page.locator('.notes-margin [role="tab"]').nth(1)).toHaveAttribute('aria-selected', 'true');
    await noViolations(page, 'all notes');
    await page.getByTestId('tab-checker').click();
    await expect(page.getByTestId('tab-checker')).toHaveAttribute('aria-selected', 'true');
    await noViolations(page, 'checker tab');
    await page.keyboard.press('Escape');

    await page.getByTestId('collab-menu').click();
    await expect(page.getByTestId('share-button')).toBeVisible();
    await noViolations(page, 'collaboration panel');
    await page.getByTestId('collab-menu').click();

    await showTools(page);
    await page.locator('.library-button').click();
    await expect(page.locator('.library-panel')).toBeVisible();
    await noViolations(page, 'library panel');
    await page.keyboard.press('Escape');
    await expect(page.locator('.library-panel')).toHaveCount(0);

    await showTools(page);
    await page.getByRole('button', { name: '快捷键' }).click();
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
    await noViolations(page, 'shortcut help');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: test.info().outputPath(`a11y-${width}.png`) });
  });
}

for (const [width, height] of SIZES) {
  test(`no axe violations at ${width}×${height}: the 核红 list and the compare view of 二校`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await beReviewer(page);
    await openSample(page);
    await noteOn(page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
    await page.getByTestId('next-proof').setInputFiles(revisedSample(testInfo.outputPath('二校.txt'), PROOF_2));
    await expect(page.getByTestId('round-outcome')).toContainText('已作为二校加入');
    await page.getByTestId('open-check').click();
    await expect(page.getByTestId('check-view')).toBeVisible();
    await noViolations(page, '核红');
    await page.getByTestId('check-item').filter({ hasText: '崇高职务' }).click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await noViolations(page, 'compare');
  });
}

test('noted passages are ARIA marks tied to their cards: role=comment, role=suggestion with its deletion and insertion', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  const commentId = await noteOn(page, '人民的信任', { kind: 'comment', body: '这里是否要加引号？' });
  const suggestionId = await noteOn(page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });

  for (const [id, quote] of [
    [commentId, '人民的信任'],
    [suggestionId, '崇高职务'],
  ] as const) {
    const mark = page.locator(`article [role="mark"][aria-details="note-${id}"]`);
    await expect(mark).toHaveText(quote);
    await expect(page.locator(`#note-${id}`)).toHaveAttribute('role', 'comment');
  }
  const card = page.locator(`#note-${suggestionId}`);
  await expect(card.locator('[role="suggestion"] del')).toHaveText('崇高职务');
  await expect(card.locator('[role="suggestion"] ins')).toHaveText('光荣职务');
  // The marks are for assistive technology: the article's text on screen is unchanged.
  const title = await page.locator('article h1').innerText();
  expect(title).not.toContain('人民的信任');
  const snapshot = await page.locator('article').ariaSnapshot();
  expect(snapshot).toContain('崇高职务');

  // Deleting the note takes its mark away.
  await page.evaluate((id) => (window as any).__proofroomApp.desk.session.deleteNote(id), commentId);
  await expect(page.locator(`article [aria-details="note-${commentId}"]`)).toHaveCount(0);
});

test("a colleague's new note and decision are told in the polite live region, one's own are not", async ({ browser, baseURL }) => {
  const a = await openAs(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  const live = (p: Page) => p.locator('[aria-live="polite"][data-testid="live-announcer"]');
  await expect(live(a.page)).toHaveText('');

  const id = await noteOn(b.page, '人民的信任', { kind: 'comment', body: '加引号？' });
  await expect(live(a.page)).toHaveText('李雷 添加了批注：“人民的信任”');
  await expect(live(b.page)).toHaveText('');

  await b.page.evaluate((id) => (window as any).__proofroomApp.desk.session.setStatus(id, 'resolved', null), id);
  await expect(live(a.page)).toHaveText('李雷 把“人民的信任”上的批注标为已解决');
  await expect(live(b.page)).toHaveText('');
  await closeAll(a, b);
});
