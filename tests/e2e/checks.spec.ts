// 校对助手 in the browser: the sample's findings arrive from a worker while the article is already
// readable; accepting one makes a suggestion by the person who accepted it; a dismissal is seen by a
// colleague (WebRTC, the real relay) and survives a reload; a house-list pair added by one editor
// gives both of them findings.
import { expect, test, type Page } from '@playwright/test';
import { closeAll, FIRST_TITLE, openSample as openShared, person, share } from './collab-helpers';
import { beReviewer, openSample, painted } from './notes-helpers';

test.describe.configure({ timeout: 90_000 });

const tab = (page: Page) => page.getByTestId('tab-checker');
const findings = (page: Page) => page.getByTestId('checker-tab').locator('.finding');
const finding = (page: Page, quote: string) => findings(page).filter({ has: page.locator('del', { hasText: quote }) });
const PHRASE = '沉甸甸的责任';

async function addPair(page: Page, wrong: string, right: string): Promise<void> {
  await tab(page).click();
  const house = page.getByTestId('house-list');
  if (!(await house.evaluate((d) => (d as HTMLDetailsElement).open))) await house.locator('summary').click();
  await page.getByTestId('house-wrong').fill(wrong);
  await page.getByTestId('house-right').fill(right);
  await page.getByTestId('house-add').click();
}

test('the sample is readable at once; its findings come from a worker, in the margin, the contents and the text', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __workers: string[]; __longest: number };
    w.__workers = [];
    w.__longest = 0;
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        w.__workers.push(options?.name ?? '');
      }
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await beReviewer(page);
  await openSample(page);
  // The article is there to read; the checks answer afterwards.
  await tab(page).click();
  await expect(page.getByTestId('checker-issue-count')).toHaveText(/[1-9]/, { timeout: 20_000 });
  const total = Number((await page.getByTestId('checker-issue-count').textContent())!.match(/\d+/)![0]);
  // A checker that cries wolf gets switched off: the real issue gives fewer than 40.
  expect(total).toBeLessThan(40);
  expect(await page.evaluate(() => (window as unknown as { __workers: string[] }).__workers)).toContain('proofroom-checks');
  // Checking never held the page: no task on the main thread came near a second.
  expect(await page.evaluate(() => (window as unknown as { __longest: number }).__longest)).toBeLessThan(1000);

  // An article with findings: each is underlined in the text, and they are counted in the contents.
  const counted = page.getByTestId('contents-findings').first();
  const n = Number(await counted.textContent());
  await counted.click();
  await expect(findings(page)).toHaveCount(n);
  await expect(tab(page).locator('.count')).toHaveText(String(n));
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('proofroom-finding')?.size ?? 0)).toBe(n);
  await findings(page).first().click();
  await expect(findings(page).first()).toHaveClass(/active/);
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('proofroom-finding-active')?.size ?? 0)).toBe(1);

  // In the all-notes view, filtered to 校对助手: every open finding of the issue.
  await page.getByRole('tab', { name: /全部批注/ }).click();
  await page.getByTestId('source-findings').click();
  await expect(page.locator('.all-notes .entry.finding')).toHaveCount(total);
  await page.locator('.all-notes .entry.finding').last().click();
  await expect(tab(page)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('checker-tab').locator('.finding.active')).toBeVisible();
  await expect(page.locator('article h1')).toBeVisible();
});

test('accepting a finding makes it an ordinary suggestion by the person who accepted it', async ({ page }) => {
  await beReviewer(page);
  await openSample(page);
  await addPair(page, PHRASE, '沉重的责任');
  const card = finding(page, PHRASE);
  await expect(card).toContainText('沉重的责任');
  await expect.poll(() => painted(page, PHRASE)).toBe(true);
  await card.getByTestId('finding-accept').click();
  await expect(card).toHaveCount(0);
  await page.getByRole('tab', { name: /^本文/ }).click();
  const note = page.locator('.notes-margin .note-card', { hasText: '沉重的责任' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('校对甲');
  await expect(note).toContainText('建议');
  // Accepted as an error, it counts in the meter beside the sign-off.
  await expect(page.getByTestId('rate-article')).toHaveAttribute('data-errors', '1');
});

test('a dismissal is seen by a colleague and stays after reload; a house-list pair reaches both', async ({ browser, baseURL }) => {
  const a = await openShared(browser, '王敏', baseURL!);
  const link = await share(a);
  const b = await person(browser, '李雷', link);
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);

  // A adds a pair; both have its finding.
  await addPair(a.page, PHRASE, '沉重的责任');
  await tab(b.page).click();
  await expect(finding(a.page, PHRASE)).toBeVisible();
  await expect(finding(b.page, PHRASE)).toBeVisible({ timeout: 10_000 });
  await expect(b.page.getByTestId('house-list').locator('summary')).toContainText('1');

  // B dismisses it: gone for A as well, and it stays so for B after a reload.
  await finding(b.page, PHRASE).getByTestId('finding-dismiss').click();
  await expect(finding(b.page, PHRASE)).toHaveCount(0);
  await expect(finding(a.page, PHRASE)).toHaveCount(0, { timeout: 5_000 });
  await b.page.reload();
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await tab(b.page).click();
  await expect(b.page.getByTestId('house-list').locator('summary')).toContainText('1');
  // The checks have run again on the reloaded page (the count is theirs) and the finding stays away.
  await expect(b.page.getByTestId('checker-issue-count')).toHaveText(/\d/);
  await expect(b.page.locator('.checker-tab [role="status"]')).not.toContainText('正在检查');
  await expect(finding(b.page, PHRASE)).toHaveCount(0);
  await closeAll(a, b);
});
