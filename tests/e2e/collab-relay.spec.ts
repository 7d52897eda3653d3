// A mesh that is not full, over real WebRTC: A and C use different signaling relays, so they never
// meet; B uses both and links them. Notes still flow both ways, passed on by B — the relaying
// that mesh-relay.ts keeps only where it is needed (docs/PROTOCOL.md §2).
import { expect, test } from '@playwright/test';
import { closeAll, comment, FIRST_TITLE, margin, openSample, person, share, status, type Person } from './collab-helpers';
import { standaloneRelay, type Standalone } from './relay-helpers';

test.describe.configure({ timeout: 90_000 });

const relayStats = (p: Person) =>
  p.page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.collab.room?.relay.stats as { relayed: number; skipped: number });

let one: Standalone;
let two: Standalone;
test.beforeAll(async () => {
  [one, two] = await Promise.all([standaloneRelay(), standaloneRelay()]);
});
test.afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

test('two people who cannot reach each other get each other’s notes through a third', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!, { signaling: [one.url] });
  const link = await share(a);
  const onOne = encodeURIComponent(one.url);
  expect(link).toContain(`signal=${onOne}`);
  const both = `${link}&signal=${encodeURIComponent(two.url)}`;
  const onlyTwo = link.replace(`signal=${onOne}`, `signal=${encodeURIComponent(two.url)}`);

  const b = await person(browser, '李雷', both);
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  const c = await person(browser, '韩梅梅', onlyTwo);
  // C gets the issue text (it has no file) from B, who got it from A.
  await expect(c.page.locator('article h1')).toHaveText(FIRST_TITLE, { timeout: 30_000 });
  await expect(status(b)).toHaveText('已连接 2 位同伴');
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  await expect(status(c)).toHaveText('已连接 1 位同伴');

  await comment(a, 'A 写给 C 看', { start: 2, end: 6 });
  await expect(margin(c, 'A 写给 C 看')).toBeVisible({ timeout: 10_000 });
  await comment(c, 'C 回给 A 看', { start: 20, end: 24 });
  await expect(margin(a, 'C 回给 A 看')).toBeVisible({ timeout: 10_000 });
  await expect(margin(b, 'A 写给 C 看')).toBeVisible();
  await expect(margin(b, 'C 回给 A 看')).toBeVisible();

  // Only B passed anything on; A and C, each with B as their only neighbour, had nobody to pass to.
  expect((await relayStats(b)).relayed).toBeGreaterThan(0);
  expect((await relayStats(a)).relayed).toBe(0);
  expect((await relayStats(c)).relayed).toBe(0);
  await closeAll(a, b, c);
});
