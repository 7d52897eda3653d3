// The proof cycle, as editors run it: 一校 marked up by two reviewers, 二校 opened by one and received
// by the other by sync, the same 核红 on both sides, the two proofs compared, a change nobody asked
// for made a note, the corrections list downloaded and printed, and decisions made apart meeting.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { closeAll, FIRST_TITLE, openSample, person, share, status } from './collab-helpers';
import { checkItems, noteOn, revisedSample } from './rounds-helpers';

test.describe.configure({ timeout: 120_000 });

/** The 二校 the typesetter sends back: one mark carried out, one not, one otherwise, one change unasked. */
const PROOF_2: Array<[string, string]> = [
  ['这一崇高职务', '这一光荣职务'],
  ['恪尽职守', '恪守职责'],
  ['竭诚奉献', '竭诚付出'],
];

test('two reviewers mark 一校; one opens 二校, the other receives it; both see the same 核红, the compare and the unasked change', async ({
  browser,
  baseURL,
}, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  await noteOn(a.page, '最大动力', { kind: 'suggestion', proposal: '根本动力' });
  await noteOn(b.page, '恪尽职守', { kind: 'suggestion', proposal: '尽职尽责' });
  await noteOn(b.page, '沉甸甸的责任', { kind: 'comment', body: '此句核对原稿' });
  await expect.poll(() => a.page.evaluate(() => (window as any).__proofroomApp.desk.session.notes.notes.length)).toBe(4);

  // A opens the typesetter's 二校 as the next proof of the same review.
  const file = revisedSample(testInfo.outputPath('二校.txt'), PROOF_2);
  await a.page.getByTestId('next-proof').setInputFiles(file);
  await expect(a.page.getByTestId('round-outcome')).toContainText('已作为二校加入');
  await expect(a.page.getByTestId('proof-rounds').getByRole('button', { name: '二校' })).toHaveAttribute('aria-pressed', 'true');
  await expect(a.page.locator('article').getByText('这一光荣职务', { exact: false })).toBeVisible();

  // B receives 二校 by sync, with no file.
  await expect(b.page.getByTestId('proof-rounds').getByRole('button', { name: '二校' })).toBeVisible({ timeout: 20_000 });
  await b.page.getByTestId('proof-rounds').getByRole('button', { name: '二校' }).click();
  await expect(b.page.locator('article').getByText('这一光荣职务', { exact: false })).toBeVisible();

  // Both see the same 核红.
  const expected: Array<[string, string]> = [
    ['未改', '最大动力 → 根本动力'],
    ['改动不符', '恪尽职守 → 尽职尽责'],
    ['已改', '崇高职务 → 光荣职务'],
    ['原文未变', '“沉甸甸的责任”\n                此句核对原稿'],
  ];
  for (const p of [a, b]) {
    await p.page.getByTestId('open-check').click();
    const items = await checkItems(p.page);
    expect(items.map(([s]) => s)).toEqual(expected.map(([s]) => s));
    expect(items.map(([, q]) => q.replace(/\s+/g, ''))).toEqual(expected.map(([, q]) => q.replace(/\s+/g, '')));
    await expect(p.page.getByTestId('check-filter-not-applied')).toHaveText('未改 1');
  }

  // The change nobody asked for is listed; one click makes it a note, which B sees.
  const unasked = a.page.getByTestId('unrequested-item').filter({ hasText: '付出' });
  await expect(unasked).toHaveCount(1);
  await unasked.getByTestId('unrequested-to-note').click();
  await expect(unasked.getByTestId('unrequested-to-note')).toHaveText('已转为批注');
  await expect
    .poll(() => b.page.evaluate(() => (window as any).__proofroomApp.desk.session.notes.notes.filter((n: any) => n.body.includes('付出')).length))
    .toBe(1);

  // Any item opens both proofs side by side at that place, the changes painted.
  await a.page.getByTestId('check-item').filter({ hasText: '崇高职务' }).click();
  await expect(a.page.getByTestId('compare-view')).toBeVisible();
  await expect(a.page.getByTestId('compare-left')).toContainText('这一崇高职务');
  await expect(a.page.getByTestId('compare-right')).toContainText('这一光荣职务');
  const painted = await a.page.evaluate(() => {
    const text = (name: string) => [...(CSS.highlights.get(name) ?? [])].map((r) => (r as Range).toString());
    return { del: text('proofroom-diff-del'), ins: text('proofroom-diff-ins') };
  });
  expect(painted.del).toEqual(expect.arrayContaining(['崇高', '恪尽职守', '奉献']));
  expect(painted.ins).toEqual(expect.arrayContaining(['光荣', '恪守职责', '付出']));
  await closeAll(a, b);
});

test('the corrections list downloads with the right rows, and its print view renders on A4', async ({ browser, baseURL }, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  await noteOn(a.page, '沉甸甸的责任', { kind: 'question', body: '原稿如此？' });
  await a.page.getByTestId('next-proof').setInputFiles(revisedSample(testInfo.outputPath('二校.txt'), [['这一崇高职务', '这一光荣职务']]));
  await expect(a.page.getByTestId('round-outcome')).toContainText('已作为二校加入');
  await noteOn(a.page, '竭诚奉献', { kind: 'suggestion', proposal: '竭诚服务' });

  await a.page.getByText('导出', { exact: true }).click();
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.locator('[data-format="corrections-csv"]').click()]);
  expect(download.suggestedFilename()).toMatch(/二校.*\.csv$/);
  const path = testInfo.outputPath('list.csv');
  await download.saveAs(path);
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('序号,页码,文章,原文,改为,类别,提出人,状态,核红');
  const rows = lines.slice(1);
  expect(rows).toHaveLength(3);
  expect(rows[0]).toMatch(/^1,3,在第十四届.*【崇高职务】.*,光荣职务,错别字,王敏,未解决,已改$/);
  expect(rows[1]).toMatch(/^2,3,.*【沉甸甸的责任】.*（提问）原稿如此？,错别字,王敏,未解决,原文未变$/);
  expect(rows[2]).toMatch(/^3,3,.*【竭诚奉献】.*,竭诚服务,错别字,王敏,未解决,$/);

  await a.page.getByText('导出', { exact: true }).click();
  await a.page.getByTestId('print-corrections').click();
  const view = a.page.getByTestId('print-view');
  await expect(view).toContainText('2023年第3期 二校 校样意见单');
  await expect(view.getByTestId('print-row')).toHaveCount(3);
  // As printed: only the sheet, on A4 pages.
  await a.page.emulateMedia({ media: 'print' });
  await expect(a.page.locator('.topbar')).toBeHidden();
  const pdf = await a.page.pdf({ format: 'A4', landscape: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await a.page.emulateMedia({ media: 'screen' });
  await closeAll(a);
});

test('an accept and a reject of the same suggestion made offline meet and show as a conflict, until settled', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  const id = await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  const card = (p: typeof a) => p.page.locator(`.notes-margin .note-card[data-note-id="${id}"]`);
  await expect(card(b)).toBeVisible();

  await b.context.setOffline(true);
  await expect(status(b)).toHaveText('离线');
  await card(a).getByRole('button', { name: '采纳', exact: true }).click();
  await card(b).getByRole('button', { name: '不采纳', exact: true }).click();
  await expect(card(b)).toContainText('未采纳');
  await b.context.setOffline(false);
  await expect(status(b)).toHaveText('已连接 1 位同伴');

  for (const p of [a, b]) {
    await expect(card(p).getByTestId('decision-conflict')).toContainText('处理意见冲突');
    await expect(card(p).getByTestId('decision-conflict')).toContainText('王敏 采纳');
    await expect(card(p).getByTestId('decision-conflict')).toContainText('李雷 不采纳');
  }
  // Settled by a decision on top of both; the history keeps all three.
  await card(a).getByRole('button', { name: '采纳', exact: true }).click();
  for (const p of [a, b]) {
    await expect(card(p).getByTestId('decision-conflict')).toHaveCount(0);
    await expect(card(p)).toContainText('已采纳');
    await expect(card(p).locator('.history summary')).toHaveText('处理记录（3）');
  }
  await closeAll(a, b);
});

test('a file opened on its own that looks like the next proof is offered as one', async ({ browser, baseURL }, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  await a.page.getByTestId('open-file').setInputFiles(revisedSample(testInfo.outputPath('2023-3-二校.txt'), PROOF_2));
  const offer = a.page.getByTestId('revision-offer');
  await expect(offer).toContainText('看起来是《2023年第3期》的下一校次');
  await offer.getByTestId('offer-accept').click();
  await expect(a.page.getByTestId('proof-rounds').getByRole('button', { name: '二校' })).toHaveAttribute('aria-pressed', 'true');
  await expect(a.page.getByRole('button', { name: /^书库/ })).toContainText('1');
  await a.page.getByTestId('open-check').click();
  expect((await checkItems(a.page)).map(([s]) => s)).toEqual(['已改']);
  await closeAll(a);
});

test('on a phone the 核红 list and the compare view give the text the width of the screen', async ({ browser, baseURL }, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await a.page.setViewportSize({ width: 390, height: 844 });
  await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  await a.page.getByTestId('next-proof').setInputFiles(revisedSample(testInfo.outputPath('二校.txt'), PROOF_2));
  await expect(a.page.getByTestId('round-outcome')).toContainText('已作为二校加入');
  await a.page.getByTestId('open-check').click();
  // The changes' text is not squeezed beside their buttons (it was one character a line).
  await expect(a.page.getByTestId('unrequested-item').filter({ hasText: '付出' }).first()).toBeVisible();
  const widths = await a.page.getByTestId('unrequested-item').locator('.quote').evaluateAll((q) => q.map((e) => e.getBoundingClientRect().width));
  expect(Math.min(...widths)).toBeGreaterThan(300);
  await a.page.getByTestId('check-item').filter({ hasText: '崇高职务' }).click();
  await expect(a.page.getByTestId('compare-right')).toContainText('这一光荣职务');
  for (const side of ['compare-left', 'compare-right']) {
    expect((await a.page.getByTestId(side).boundingBox())!.width).toBeGreaterThan(300);
  }
  expect(await a.page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
  await a.page.screenshot({ path: testInfo.outputPath('390-compare.png') });
  await closeAll(a);
});
