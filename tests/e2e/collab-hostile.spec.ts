// A member of the room who writes against the schema: the issue text deleted from the shared
// review is reported and put back by everyone who holds the file, and a colleague who joins later
// still receives it. (Malformed notes and presence: collab-presence.spec.ts.)
import { expect, test } from '@playwright/test';
import { closeAll, comment, FIRST_TITLE, margin, openSample, person, share, status } from './collab-helpers';

test.describe.configure({ timeout: 90_000 });

test('a peer who deletes the issue text from the review is reported, the text is put back, and a late joiner gets it', async ({
  browser,
  baseURL,
}) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const link = await share(a);
  const c = await person(browser, '捣乱者', link);
  await expect(c.page.locator('article h1')).toHaveText(FIRST_TITLE, { timeout: 30_000 });
  await expect(status(a)).toHaveText('已连接 1 位同伴');

  // C's browser is hostile: it empties the issue map of the shared doc, as a local edit of its own.
  await c.page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const doc = app.desk.session.doc;
    const issue = doc.getMap('issue');
    doc.transact(() => issue.forEach((_: unknown, key: string) => issue.delete(key)));
  });

  await expect(a.page.getByTestId('issue-restored')).toHaveText('有同伴删除了评审里的刊物正文，已用本机的副本恢复');
  // A keeps working: the article is there, notes still go across.
  await expect(a.page.locator('article h1')).toHaveText(FIRST_TITLE);
  await comment(a, '正文被删之后', { start: 2, end: 6 });
  await expect(margin(c, '正文被删之后')).toBeVisible();

  // Someone who joins now, with no file, still receives the text.
  const d = await person(browser, '李雷', link);
  await expect(d.page.locator('article h1')).toHaveText(FIRST_TITLE, { timeout: 30_000 });
  await expect(margin(d, '正文被删之后')).toBeVisible();
  await closeAll(a, c, d);
});
