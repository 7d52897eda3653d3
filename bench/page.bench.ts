// Page benchmarks in real Chromium: from choosing a file to its first article painted.

import { readFileSync } from 'node:fs';
import { withApp } from './browser.ts';
import { median, round, type Results } from './measure.ts';
import { SAMPLE_PATH } from './synthetic.ts';

export const targets = { 'open_to_paint.sample.ms': '≤ 300' };

const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';
// In-page timer from the file input's change event to the frame after the title is painted.
// A string, not a function: tsx's helpers do not exist inside the page.
const ARM_TIMER = `window.__openToPaint = new Promise((resolve) => {
  let t0 = 0;
  const observer = new MutationObserver(() => {
    const h1 = document.querySelector('article h1');
    if (t0 && h1 && h1.textContent === __TITLE__) {
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  document.addEventListener('change', () => {
    t0 = performance.now();
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, { capture: true, once: true });
});
undefined`;

const OTHER = new URL('../tests/e2e/fixtures/harbour-notes.md', import.meta.url);

export default async function pageBenchmarks(results: Results): Promise<void> {
  const sample = readFileSync(SAMPLE_PATH);
  const other = readFileSync(OTHER);
  const times = await withApp(async ({ browser, baseURL }) => {
    const out: number[] = [];
    for (let run = 0; run < 7; run++) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(baseURL);
      await page.locator('article h1', { hasText: FIRST_TITLE }).waitFor();
      // Show another issue first, so the sample's title is not already on screen.
      const input = page.getByTestId('open-file');
      await input.setInputFiles({ name: 'harbour-notes.md', mimeType: 'text/markdown', buffer: other });
      await page.locator('article h1', { hasNotText: FIRST_TITLE }).waitFor();
      await page.evaluate(ARM_TIMER.replace('__TITLE__', JSON.stringify(FIRST_TITLE)));
      await input.setInputFiles({ name: 'sample-issue.txt', mimeType: 'text/plain', buffer: sample });
      out.push(await page.evaluate<number>('window.__openToPaint'));
      await context.close();
    }
    return out;
  });
  results['open_to_paint.sample.ms'] = { value: round(median(times)), unit: 'ms', note: `median of ${times.length}` };
}
