// Issue 10 rough edges around people and files: a joiner is asked for a name before anyone sees
// them; colleagues present get distinct colours; a live selection carries its owner's name; the title
// mismatch shows above the article; the sync status before sharing; the article last read; the
// masthead label 电话(传真) kept whole; and what is wrong with a bad file, in Chinese and English.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeAll, openSample, person, share, status, type Person } from './collab-helpers';

test.describe.configure({ timeout: 120_000 });

/** A fresh profile with no name, opening `url`. */
async function stranger(browser: Browser, url: string): Promise<Person> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  return { name: '', context, page };
}

const chips = (p: Person) => p.page.getByTestId('people');

test('a joiner without a name is asked for one and appears to others only once named', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const b = await stranger(browser, await share(a));
  const dialog = b.page.getByRole('dialog', { name: '先告诉同伴你是谁' });
  await expect(dialog).toBeVisible();
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  await expect(b.page.locator('article h1')).toHaveText('在第十四届全国人民代表大会第一次会议上的讲话');
  await b.page.screenshot({ path: 'test-results/edges-join-name-first.png' });
  // Connected, yet A sees nobody: no "?" in the list of people.
  await expect(chips(a).getByRole('button')).toHaveCount(0);
  await dialog.getByRole('textbox').fill('赵六');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(chips(a).getByRole('button', { name: /赵六/ })).toBeVisible();
  await expect(chips(a)).not.toContainText('?');
  await closeAll(a, b);
});

test('colleagues who chose the same colour are shown in distinct colours, with their name on their selection', async ({ browser, baseURL }) => {
  // person() gives everyone the same colour.
  const a = await openSample(browser, '王敏', baseURL!);
  const link = await share(a);
  const b = await person(browser, '李雷', link);
  const c = await person(browser, '张三', link);
  await expect(status(a)).toHaveText('已连接 2 位同伴');
  await expect(status(b)).toHaveText('已连接 2 位同伴');
  const colours = (p: Person) =>
    p.page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.collab.peers.map((x: any) => `${x.user.name}:${x.user.colour}`).sort());
  await expect.poll(async () => (await colours(a)).length).toBe(2);
  await expect.poll(async () => (await colours(b)).length).toBe(2);
  const seenByA = await colours(a);
  const seenByB = await colours(b);
  const colourOf = (list: string[], name: string) => list.find((x) => x.startsWith(`${name}:`))?.split(':')[1];
  expect(colourOf(seenByA, '李雷')).not.toBe(colourOf(seenByA, '张三'));
  // Everyone agrees on everyone's colour.
  expect(colourOf(seenByA, '张三')).toBe(colourOf(seenByB, '张三'));

  // B selects a phrase; A sees B's name on it.
  await b.page.evaluate(() => {
    const block = [...document.querySelectorAll('article [data-kind=paragraph]')].find((el) => (el.textContent ?? '').length > 40)!;
    const node = [...block.childNodes].find((n) => n.nodeType === 3 && (n.textContent ?? '').length > 20)!;
    getSelection()!.setBaseAndExtent(node, 3, node, 15);
  });
  const label = a.page.getByTestId('peer-selection-label');
  await expect(label).toHaveText('李雷');
  await expect(label).toBeInViewport();
  await a.page.screenshot({ path: 'test-results/peer-selection-label.png' });
  await closeAll(a, b, c);
});

test('the sync status says the review is only on this device until it is shared, in both languages', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  await expect(status(a)).toHaveText('仅本机');
  await expect(status(a)).not.toContainText('离线');
  await a.page.locator('select.language-switch').selectOption('en');
  await expect(status(a)).toHaveText('Only on this device');
  await closeAll(a);
});

test('the title mismatch is flagged above the article; the sample reopens on the article last read; 电话(传真) is kept whole', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const { page } = a;
  await expect(page.getByTestId('title-mismatch')).toHaveCount(0);
  const id = await page.evaluate(() => {
    const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
    const article = app.reader.issue.articles.find((x: { titleMismatch: boolean }) => x.titleMismatch);
    app.reader.goTo(article.id);
    return article.id as string;
  });
  const flag = page.getByTestId('title-mismatch');
  await expect(flag).toContainText('目录标题与正文标题不一致');
  await expect(flag).toContainText('目录作：省总工会党组理论学习中心组召开扩大会议专题学习全国两会精神');
  const flagBox = (await flag.boundingBox())!;
  const titleBox = (await page.locator('article h1').boundingBox())!;
  expect(flagBox.y).toBeLessThan(titleBox.y);
  await page.screenshot({ path: 'test-results/title-mismatch.png' });

  // Back to the app's start with no article named: it opens where the reader left off.
  await page.goto(`${baseURL}?test`);
  await expect(page.locator(`article[data-article-id="${id}"]`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${id}$`));

  await page.getByRole('button', { name: /刊物信息|编委会|显示/ }).first().click();
  await expect(page.locator('.masthead-row dt', { hasText: '电话(传真)' })).toBeVisible();
  await closeAll(a);
});

async function openBad(page: Page, name: string, buffer: Buffer): Promise<string> {
  await page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  const text = (await alert.textContent()) ?? '';
  await alert.getByRole('button').first().click();
  return text;
}

test('a bad Markdown or JSON file, and a bad notes file, are explained in the interface language', async ({ browser, baseURL }) => {
  const a = await openSample(browser, '王敏', baseURL!);
  const { page } = a;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
  expect(await openBad(page, 'empty.md', Buffer.alloc(0))).toContain('文件是空的');
  expect(await openBad(page, 'picture.json', png)).toContain('图片');
  expect(await openBad(page, 'broken.json', Buffer.from('{"format": "proofroom-issue",,}'))).toContain('JSON 文件有语法错误');
  expect(await openBad(page, 'list.json', Buffer.from('[1, 2, 3]'))).toContain('不是共校的刊物文件');
  const md = await openBad(page, 'bad.md', Buffer.from('---\ntitle: 某期\ncolour: red\n---\n\n## 标题\n\n正文。\n'));
  expect(md).toContain('第 3 行：开头信息区里有不认识的名称“colour”');
  expect(md).not.toMatch(/Markdown line|front matter/);

  // Notes import: an empty file, broken JSON, JSON that holds no notes.
  await page.getByTestId('collab-menu').click();
  const importNotes = async (name: string, buffer: Buffer) => {
    await page.getByTestId('import-package').setInputFiles({ name, mimeType: 'application/json', buffer });
    return page.getByTestId('collab-panel');
  };
  await expect(await importNotes('empty.json', Buffer.alloc(0))).toContainText('“empty.json”是空文件');
  await expect(await importNotes('broken.json', Buffer.from('{"type": "Annotation",'))).toContainText('JSON 有语法错误');
  await expect(await importNotes('shape.json', Buffer.from('{"hello": "world"}'))).toContainText('里面没有批注');

  await page.evaluate(() => localStorage.setItem('proofroom.lang', 'en'));
  await page.reload();
  await expect(page.locator('article h1')).toBeVisible();
  expect(await openBad(page, 'empty.md', Buffer.alloc(0))).toContain('The file is empty');
  expect(await openBad(page, 'broken.json', Buffer.from('{"format": "proofroom-issue",,}'))).toContain('syntax error');
  expect(await openBad(page, 'list.json', Buffer.from('[1, 2, 3]'))).toContain('not a Proofroom issue');
  expect(await openBad(page, 'bad.md', Buffer.from('---\ntitle: x\ncolour: red\n---\n\n## T\n\nText.\n'))).toContain('Line 3: The opening information block has a name it does not know: “colour”');
  await closeAll(a);
});
