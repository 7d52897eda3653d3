// Presence and robustness: who is here, where and what they select, following a person; malformed
// notes and presence from a peer are skipped, reported, and break nobody; the late joiner with a big review.
import { expect, test } from '@playwright/test';
import { synthesizeIssueText } from '../../bench/synthetic';
import { closeAll, comment, margin, noteCount, openSample, person, share, status } from './collab-helpers';

test.describe.configure({ timeout: 120_000 });

test('presence: names, the article each reads, live selections in their colour, follow a person', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  const chipOfB = a.page.getByTestId('people').getByRole('button', { name: /李雷/ });
  await expect(chipOfB).toContainText('在第十四届全国人民代表大会第一次会议上的讲话');
  await expect(b.page.getByTestId('people').getByRole('button', { name: /王敏/ })).toBeVisible();

  // B selects a phrase; A sees it painted in B's colour.
  const selected = await b.page.evaluate(() => {
    const block = [...document.querySelectorAll('article [data-kind=paragraph]')].find((el) => (el.textContent ?? '').length > 40)!;
    const node = [...block.childNodes].find((n) => n.nodeType === 3 && (n.textContent ?? '').length > 20)!;
    getSelection()!.setBaseAndExtent(node, 3, node, 15);
    return getSelection()!.toString();
  });
  await expect
    .poll(() =>
      a.page.evaluate(() => {
        const painted: string[] = [];
        for (const [name, h] of CSS.highlights) if (name.startsWith('peer-')) for (const r of h) painted.push(r.toString());
        return painted;
      }),
    )
    .toEqual([selected]);
  const style = await a.page.evaluate(() => document.getElementById('proofroom-peer-selections')?.textContent ?? '');
  expect(style).toMatch(/::highlight\(peer-\d+\) \{ background-color: #1d4ed847; \}/);

  // A follows B; B moves to the next article and A goes along.
  await chipOfB.click();
  await expect(chipOfB).toHaveAttribute('aria-pressed', 'true');
  await b.page.locator('body').press('j');
  const next = await b.page.locator('article h1').textContent();
  expect(next).not.toBe('在第十四届全国人民代表大会第一次会议上的讲话');
  await expect(a.page.locator('article h1')).toHaveText(next!);
  await expect(chipOfB).toContainText(next!);
  await closeAll(a, b);
});

test('a person with no input for a minute shows as away to the others, and back on the next input', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  const chipOfB = a.page.getByTestId('people').getByRole('button', { name: /李雷/ });
  await expect(chipOfB).toBeVisible();
  await expect(chipOfB).not.toContainText('暂时离开');
  // B's clock jumps past the idle limit (60 s) instead of the test waiting a minute.
  await b.page.clock.install();
  await b.page.clock.fastForward('01:05');
  await expect(chipOfB).toContainText('暂时离开', { timeout: 15_000 });
  await expect(chipOfB).toHaveClass(/idle/);
  // B only has to touch the page to be back.
  await b.page.mouse.move(200, 300);
  await b.page.mouse.move(260, 320);
  await expect(chipOfB).not.toContainText('暂时离开');
  await closeAll(a, b);
});

test('malformed notes and presence from a peer are skipped and reported, and everyone keeps working', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const errors: Error[] = [];
  a.page.on('pageerror', (e) => errors.push(e));
  const b = await person(browser, '李雷', await share(a));
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  await comment(a, '正常的批注', { start: 2, end: 6 });
  await expect(margin(b, '正常的批注')).toBeVisible();

  // B's browser is hostile: it writes garbage straight into the shared doc and its awareness.
  await b.page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const doc = app.desk.session.doc;
    const notes = doc.getMap('notes');
    const YMap = notes.constructor;
    doc.transact(() => {
      notes.set('garbage-number', 42);
      const fake = new YMap();
      fake.set('t', [1, '<script>alert(1)</script>', null, -5]);
      notes.set('garbage-map', fake);
      notes.set('bad key with spaces', 'x'.repeat(100));
    });
    app.collab.room.awareness.setLocalState({
      user: { id: '!!', name: '<img src=x onerror=alert(1)>', colour: 'red;} body { display: none' },
      selection: 'everything',
    });
  });

  await expect(a.page.getByTestId('peer-data-warning')).toContainText('已忽略 3 条无法读取的批注数据');
  await expect(a.page.getByTestId('peer-data-warning')).toContainText('已忽略 1 位同伴发来的格式错误的在线状态');
  await expect(a.page.locator('img[src=x]')).toHaveCount(0);
  await expect(a.page.getByTestId('people')).toHaveCount(0);
  // A still works and still talks to B.
  await expect(margin(a, '正常的批注')).toBeVisible();
  await comment(a, '之后照常', { start: 10, end: 14 });
  await expect(margin(b, '之后照常')).toBeVisible();
  expect(await noteCount(a)).toBe(2);
  const style = await a.page.evaluate(() => document.getElementById('proofroom-peer-selections')?.textContent ?? '');
  expect(style).not.toContain('display');
  expect(errors).toEqual([]);
  await closeAll(a, b);
});

test('a late joiner opens the link of an issue 20× the sample carrying 5,000 notes and gets all of it', async ({ browser, baseURL }) => {
  const a = await person(browser, '王敏', `${baseURL}?test`);
  await a.page.locator('article h1').first().waitFor();
  const text = synthesizeIssueText(20);
  await a.page.getByTestId('open-file').setInputFiles({ name: 'big-issue.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect.poll(() => a.page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.reader.issue?.articles.length ?? 0)).toBeGreaterThan(300);
  const made = await a.page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const session = app.desk.session;
    const articles = app.reader.issue.articles;
    let n = 0;
    session.doc.transact(() => {
      for (let i = 0; n < 5000; i++) {
        const article = articles[i % articles.length];
        const block = article.blocks.filter((b: { text: string }) => b.text.length > 20)[Math.floor(i / articles.length)];
        if (!block) continue;
        const start = i % 10;
        const t = block.text;
        const target = { articleId: article.id, blockId: block.id, start, endBlockId: block.id, end: start + 6, quote: t.slice(start, start + 6), prefix: t.slice(0, start), suffix: t.slice(start + 6, start + 38) };
        if (session.createNote({ target, kind: 'comment', category: 'typo', body: `批注 ${n}` }).ok) n++;
      }
    });
    return n;
  });
  expect(made).toBe(5000);
  const b = await person(browser, '李雷', await share(a));
  await expect.poll(() => noteCount(b), { timeout: 60_000 }).toBe(5000);
  const title = await a.page.locator('article h1').textContent();
  await expect(b.page.locator('article h1')).toHaveText(title!);
  await expect(margin(b, '批注 0')).toBeVisible();
  await expect(b.page.getByTestId('save-status')).toHaveText('已保存在本机');
  await closeAll(a, b);
});
