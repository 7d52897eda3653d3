// The product build (`npm run build`, dist/: no test hooks, driven through the UI alone) on a plain
// static host under a sub-path: a tiny node:http server on 127.0.0.1 that serves dist/ at
// /magazines/proofroom/ and answers 404 to everything else — the relay's /signal included, as any
// static host would. Reading and notes work there; sharing says honestly that no relay answers, at
// the sub-path's URL, and not that the network is down; a reviewer who opens the link while nobody is
// online is told what is known and offered other ways in. Screenshots: test-results/screens/deploy-*.
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { beReviewer, card, comment, FIRST_TITLE } from './notes-helpers';
import AxeBuilder from '@axe-core/playwright';
import { SCREENS, smallTargets, topBarProblems } from './layout-helpers';

const DIST = join(process.cwd(), 'dist');
const BASE = '/magazines/proofroom/';
const SAMPLE = join(process.cwd(), 'static', 'sample-issue.txt');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.map': 'application/json',
};

let server: Server;
let origin = '';

test.beforeAll(async () => {
  expect(existsSync(join(DIST, 'index.html')), 'dist/ is built (npm run build)').toBe(true);
  // No index.html fallback and no /signal: a static host that knows files and nothing else.
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inside = path.startsWith(BASE) ? normalize(join(DIST, path.slice(BASE.length) || 'index.html')) : null;
    if (req.method !== 'GET' || !inside || !(inside === DIST || inside.startsWith(DIST + sep))) {
      res.writeHead(404).end('not found');
      return;
    }
    readFile(inside.endsWith(sep) ? join(inside, 'index.html') : inside).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(inside)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/deploy-${name}.png` });
}

test('under a sub-path of a static host: reading and notes work; sharing says no relay answers there, not offline; a joiner is offered other ways in', async ({
  browser,
}) => {
  const app = `${origin}${BASE}`;
  const relayUrl = `ws://127.0.0.1:${new URL(origin).port}${BASE}signal`;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await beReviewer(page);
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });

  // Reading and a note, from the sub-path; the service worker is registered for it.
  await page.goto(app);
  await expect(page.locator('article h1')).toHaveText(FIRST_TITLE);
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  expect(scope).toBe(app);
  await comment(page, '表示衷心感谢', '子路径下写的批注');
  await expect(card(page, '子路径下写的批注')).toBeVisible();
  await page.reload();
  await expect(card(page, '子路径下写的批注')).toBeVisible();
  expect(failed, 'every file loads from the sub-path').toEqual([]);

  // Share: the default relay is the app's own sub-path, which the static host answers with 404.
  const status = page.getByTestId('network-status');
  await expect(status).toHaveText('仅本机');
  await page.getByTestId('share-button').click();
  const warning = page.getByTestId('share-relay-warning');
  await expect(warning).toHaveAttribute('data-state', 'unreachable');
  await expect(warning).toContainText(`${relayUrl} 没有中继应答：收到这个链接的人在中继恢复之前连不上你`);
  const link = await page.getByTestId('share-link').inputValue();
  expect(new URL(link).hash).toContain(`signal=${encodeURIComponent(relayUrl)}`);
  await expect(status).toHaveText(`无法连接中继 ${relayUrl}`);
  await expect(status).not.toContainText('离线');
  await expect(status).toHaveAttribute('title', new RegExp(relayUrl.replace(/[.:/]/g, '\\$&')));
  await shot(page, '1440-share-no-relay');

  // The status opens the connection settings.
  await page.getByTestId('collab-menu').click();
  await expect(page.getByTestId('collab-panel')).toHaveCount(0);
  await status.click();
  const settings = page.getByTestId('connection-settings');
  await expect(settings).toHaveAttribute('open', '');
  await expect(settings.locator('summary')).toBeFocused();
  await expect(page.getByTestId('signaling-input')).toHaveValue(relayUrl);
  await page.keyboard.press('Escape');
  // The top bar keeps one row with the status in it (the host alone below 1440, a mark at 390).
  for (const width of [1440, 820, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    await expect(status).toHaveText(`无法连接中继 ${relayUrl}`);
    const bar = await topBarProblems(page);
    expect(bar.problems, `top bar at ${width}`).toEqual([]);
    expect(bar.height, `the top bar is one row at ${width}`).toBeLessThanOrEqual(56);
    await shot(page, `${width}-no-relay`);
  }

  // A reviewer with a fresh browser, on a phone, opens the link while nobody else is online.
  const joiner = await context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const b = await joiner.newPage();
  await beReviewer(b, { id: 'ujoiner0001', name: '校对乙', colour: '#1d4ed8' });
  await b.goto(link);
  const waiting = b.getByTestId('join-waiting');
  await expect(b.getByTestId('join-known')).toContainText(`中继 ${relayUrl}：没有应答`);
  await expect(b.getByTestId('join-known')).toContainText('找到的同伴：0 位');
  await expect(waiting.getByText('自己打开这一期的文件…')).toBeVisible();
  await expect(waiting.getByText('导入审校包…')).toBeVisible();
  await expect(b.getByTestId('network-status')).toHaveText(`无法连接中继 ${relayUrl}`);
  const phoneBar = await topBarProblems(b);
  expect(phoneBar.problems).toEqual([]);
  expect(phoneBar.height).toBeLessThanOrEqual(56);
  expect(await smallTargets(b), 'tap targets under 44 px').toEqual([]);
  const { violations } = await new AxeBuilder({ page: b }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shot(b, '390-join-waiting');
  await b.getByTestId('wait-settings').click();
  await expect(b.getByTestId('connection-settings')).toHaveAttribute('open', '');
  // The settings come last in the panel; on a phone the panel scrolls them into view.
  await expect(b.getByTestId('signaling-input')).toBeInViewport();
  await shot(b, '390-join-settings');
  await b.keyboard.press('Escape');
  await b.setViewportSize({ width: 1440, height: 900 });
  await shot(b, '1440-join-waiting');
  // Opening the file itself: the issue is there and the review keeps the link's room.
  await b.getByTestId('wait-open-file').setInputFiles(SAMPLE);
  await expect(b.locator('article h1')).toHaveText(FIRST_TITLE);
  await b.getByTestId('collab-menu').click();
  const room = (l: string) => new URLSearchParams(new URL(l).hash.split('?')[1]).get('room');
  expect(room(await b.getByTestId('share-link').inputValue())).toBe(room(link));
  await joiner.close();

  // Another, who gets the sender's review package by email instead, imports it from the same page.
  await page.getByTestId('collab-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-package').click()]);
  const emailed = await download.path();
  await page.keyboard.press('Escape');
  const other = await context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const c = await other.newPage();
  await beReviewer(c, { id: 'uother00001', name: '校对丙', colour: '#15803d' });
  await c.goto(link);
  await c.getByTestId('wait-import-package').setInputFiles(emailed);
  await c.getByTestId('import-confirm').click();
  await expect(c.locator('article h1')).toHaveText(FIRST_TITLE);
  await expect(card(c, '子路径下写的批注')).toBeVisible();
  await other.close();

  // No network at all is another thing, and says so.
  await context.setOffline(true);
  await expect(status).toHaveText('离线');
  await context.close();
});
