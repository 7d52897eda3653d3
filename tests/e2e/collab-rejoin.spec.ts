// Finding each other again through signaling that is not kind: two people whose announcements cross
// (both came back at the same moment), and an offer lost on the way. The real relay sits behind a
// proxy that plays the network (relay-helpers.ts).
import { expect, test } from '@playwright/test';
import { closeAll, comment, FIRST_TITLE, margin, openSample, person, share, status, type Person } from './collab-helpers';
import { signalProxy, standaloneRelay, type SignalProxy, type Standalone } from './relay-helpers';

test.describe.configure({ timeout: 120_000 });

let relay: Standalone;
let proxy: SignalProxy;
test.beforeEach(async () => {
  relay = await standaloneRelay();
  proxy = await signalProxy(relay.url);
});
test.afterEach(async () => {
  await proxy?.close();
  await relay?.close();
});

/** A shares the sample through the proxy; B opens the link; both see each other. */
async function pair(browser: import('@playwright/test').Browser, baseURL: string): Promise<[Person, Person]> {
  const a = await openSample(browser, '王敏', baseURL, { signaling: [proxy.url] });
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  // B keeps the issue it got from A, so it is still there when B reloads with no signaling.
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await expect(b.page.getByTestId('save-status')).toHaveText('已保存在本机');
  return [a, b];
}

/** Signaling goes down; B reloads (a new peer to A) and both are left alone. */
async function apart(a: Person, b: Person): Promise<void> {
  proxy.down();
  await b.page.reload();
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  // The network is fine: the status says the relay does not answer, not 离线.
  await expect(status(b)).toContainText('无法连接中继');
  await expect(status(a)).toContainText('无法连接中继');
}

test('two people who come back at the same moment connect at once, every time', async ({ browser, baseURL }) => {
  const [a, b] = await pair(browser, baseURL!);
  // Which of two crossing offers wins is down to chance; four rounds make a lucky pass unlikely.
  for (let round = 1; round <= 4; round++) {
    await apart(a, b);
    // Both reconnect; their announcements are held until both have sent one, then arrive together.
    proxy.hold();
    proxy.up();
    await expect.poll(() => proxy.holding(), { timeout: 15_000 }).toBe(2);
    proxy.release();
    await expect(status(b), `round ${round}`).toHaveText('已连接 1 位同伴', { timeout: 8_000 });
    await expect(status(a), `round ${round}`).toHaveText('已连接 1 位同伴');
  }
  await comment(a, '同时回来之后写的', { start: 3, end: 7 });
  await expect(margin(b, '同时回来之后写的')).toBeVisible();
  await closeAll(a, b);
});

test('an offer lost on the way is made again, and the two connect', async ({ browser, baseURL }) => {
  const [a, b] = await pair(browser, baseURL!);
  await apart(a, b);
  // Announcements and ICE candidates are a few hundred characters, an offer or answer (SDP) nearer a
  // thousand; the first of those after the announcements is the offer.
  proxy.loseNext((frame) => frame.length > 800);
  proxy.up();
  await expect.poll(() => proxy.lost, { timeout: 15_000 }).toBe(1);
  // The side left waiting gives up after 10–15 s and announces again.
  await expect(status(b)).toHaveText('已连接 1 位同伴', { timeout: 30_000 });
  await comment(b, '丢了一次邀约之后写的', { start: 3, end: 7 });
  await expect(margin(a, '丢了一次邀约之后写的')).toBeVisible();
  await closeAll(a, b);
});
