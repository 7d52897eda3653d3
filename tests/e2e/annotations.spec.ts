// Notes in and out as W3C Web Annotations: exported from one review, imported into another person's
// (no network between them), anchored by their quotes, the unplaceable listed, twice adds nothing.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { closeAll, margin, noteCount, openSample } from './collab-helpers';
import { noteOn } from './rounds-helpers';

test('W3C annotations exported by one reviewer import into another’s review, anchored by quote; twice adds nothing', async ({ browser, baseURL }, testInfo) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await openSample(browser, '李雷', baseURL!);
  await noteOn(a.page, '崇高职务', { kind: 'suggestion', proposal: '光荣职务' });
  await noteOn(a.page, '沉甸甸的责任', { kind: 'comment', body: '导出去的批注' });

  await a.page.getByText('导出', { exact: true }).click();
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.locator('[data-format="w3c-jsonld"]').click()]);
  const path = testInfo.outputPath('notes.jsonld');
  await download.saveAs(path);

  // Another tool's annotation too: only a quote, one that is not in the issue.
  const exported = JSON.parse((await import('node:fs')).readFileSync(path, 'utf8'));
  const foreign = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://example.org/anno/1',
    type: 'Annotation',
    motivation: 'commenting',
    body: { type: 'TextualBody', value: '别的工具写的' },
    target: { source: 'https://example.org/doc', selector: { type: 'TextQuoteSelector', exact: '这句话不在本期里' } },
  };
  const mixed = testInfo.outputPath('mixed.jsonld');
  writeFileSync(mixed, JSON.stringify([...exported.first.items, foreign]));

  await b.page.getByTestId('collab-menu').click();
  await b.page.getByTestId('import-package').setInputFiles(mixed);
  const preview = b.page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-added')).toHaveText('新增 2 条批注（王敏 2）');
  await expect(preview.getByTestId('import-unanchored')).toContainText('1 条在这一校次中找不到原文');
  await expect(preview.getByTestId('import-unanchored')).toContainText('这句话不在本期里');
  await b.page.getByTestId('import-confirm').click();
  await b.page.getByTestId('collab-menu').click();
  await expect(margin(b, '导出去的批注')).toBeVisible();
  const painted = await b.page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => (r as Range).toString())));
  expect(painted).toEqual(expect.arrayContaining(['崇高职务', '沉甸甸的责任']));
  expect(await noteCount(b)).toBe(2);

  // The same file again adds nothing.
  await b.page.getByTestId('collab-menu').click();
  await b.page.getByTestId('import-package').setInputFiles(mixed);
  await expect(b.page.getByTestId('package-result')).toContainText('没有新内容');
  expect(await noteCount(b)).toBe(2);
  await closeAll(a, b);
});
