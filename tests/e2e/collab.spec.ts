// Reviewing together in real Chromium: one browser context per person, WebRTC between them, the relay
// that `vite preview` serves at /signal on 127.0.0.1, real IndexedDB. Every test has its own room.
import { expect, test } from '@playwright/test';
import { closeAll, comment, FIRST_TITLE, margin, noteCount, openSample, person, share, status } from './collab-helpers';

test.describe.configure({ timeout: 90_000 });

test('A comments; B and C, who joined by link with no file, see it within 2 s and keep the review', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await comment(a, '先写的批注', { start: 1, end: 5 });
  const link = await share(a);
  expect(link).toContain('#/join/');
  await expect(status(a)).toHaveText('正在寻找同伴…');

  // B and C have never seen this issue: the text and the earlier note come from A.
  const b = await person(browser, '李雷', link);
  const c = await person(browser, '韩梅', link);
  for (const p of [b, c]) {
    await expect(p.page.locator('article h1')).toHaveText(FIRST_TITLE);
    await expect(margin(p, '先写的批注')).toBeVisible();
    await expect(status(p)).toHaveText('已连接 2 位同伴');
    // The secret is not left in the address bar.
    expect(p.page.url()).not.toContain('secret=');
  }

  await comment(a, '这里有错字', { start: 10, end: 14 });
  await Promise.all([b, c].map((p) => expect(margin(p, '这里有错字')).toBeVisible({ timeout: 2_000 })));

  // B comes back later with no link: the issue is in B's library and B rejoins the room.
  await b.page.close();
  await comment(a, '你不在时写的', { start: 20, end: 24 });
  const again = await b.context.newPage();
  await again.goto(new URL('?test', link).href);
  await expect(again.locator('article h1')).toHaveText(FIRST_TITLE);
  await expect(again.locator('aside.margin').getByText('你不在时写的', { exact: true })).toBeVisible();
  await expect(again.locator('aside.margin').getByText('先写的批注', { exact: true })).toBeVisible();
  await closeAll(a, b, c);
});

test('A and B note the same passage at the same moment and both notes stay', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  // B received the issue from A; it must be on screen before B can note a passage of it.
  await expect(b.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await Promise.all([comment(a, 'A 的看法', { start: 3, end: 9 }), comment(b, 'B 的看法', { start: 3, end: 9 })]);
  for (const p of [a, b]) {
    await expect(margin(p, 'A 的看法')).toBeVisible();
    await expect(margin(p, 'B 的看法')).toBeVisible();
  }
  expect(await noteCount(a)).toBe(2);
  expect(await noteCount(b)).toBe(2);
  await closeAll(a, b);
});

test('a wrong secret sees nothing and writes nothing; a link without a secret is refused', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await comment(a, '机密批注');
  const link = await share(a);
  const wrong = link.replace(/secret=[^&]+/, `secret=${'x'.repeat(22)}`);

  // Eve has the room id but not the secret: she never gets the text or the notes.
  const eve = await person(browser, '路人', wrong);
  await expect(eve.page.getByTestId('join-waiting')).toBeVisible();
  await expect(status(eve)).toHaveText('正在寻找同伴…');
  // A real member joins and syncs meanwhile, so the room is up and talking.
  const b = await person(browser, '李雷', link);
  await expect(margin(b, '机密批注')).toBeVisible();
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  await expect(status(eve)).toHaveText('正在寻找同伴…');
  await expect(eve.page.getByTestId('join-waiting')).toBeVisible();
  expect(await noteCount(eve)).toBe(0);
  await eve.context.close();

  // Trudy has the issue herself and pastes the link with the wrong secret: her note reaches nobody.
  const trudy = await openSample(browser, '特鲁迪', baseURL!);
  await trudy.page.getByTestId('collab-menu').click();
  await trudy.page.getByTestId('join-input').fill(wrong);
  await trudy.page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(status(trudy)).toHaveText('正在寻找同伴…');
  await comment(trudy, '伪造的批注');
  await comment(a, '之后的批注', { start: 12, end: 16 });
  await expect(margin(b, '之后的批注')).toBeVisible();
  await expect(margin(a, '伪造的批注')).toHaveCount(0);
  await expect(margin(b, '伪造的批注')).toHaveCount(0);
  expect(await noteCount(a)).toBe(2);
  await expect(status(trudy)).toHaveText('正在寻找同伴…');

  // A link without its secret is refused outright.
  const missing = link.replace(/&?secret=[^&]+/, '');
  const mallory = await openSample(browser, '无钥', baseURL!);
  await mallory.page.getByTestId('collab-menu').click();
  await mallory.page.getByTestId('join-input').fill(missing);
  await mallory.page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(mallory.page.getByRole('alert')).toHaveText('链接里缺少密钥，无法加入');
  await expect(status(mallory)).toHaveText('仅本机');
  await closeAll(a, b, trudy, mallory);
});
