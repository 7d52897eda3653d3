// Shared steps of the collaboration specs: one browser context per person, the built app with `?test`
// (which exposes window.__proofroomApp), notes written through the review session, checks on screen.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
}

export const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';

/** A room name nobody else uses: tests never share rooms. */
export const unique = (label: string): string => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A fresh browser profile for `name` (its own IndexedDB and localStorage), at `url`. */
export async function person(browser: Browser, name: string, url: string, settings?: { signaling: string[] }): Promise<Person> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const id = `u${name.codePointAt(0)!.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  await context.addInitScript(
    ([identity, connection]) => {
      // Init scripts also run in about:blank, where localStorage is off limits.
      if (location.protocol === 'about:') return;
      if (!localStorage.getItem('proofroom.identity')) localStorage.setItem('proofroom.identity', identity);
      if (connection && !localStorage.getItem('proofroom.connection')) localStorage.setItem('proofroom.connection', connection);
    },
    [JSON.stringify({ id, name, colour: '#1d4ed8' }), settings ? JSON.stringify({ ...settings, iceServers: [] }) : ''] as const,
  );
  const page = await context.newPage();
  await page.goto(url);
  return { name, context, page };
}

export async function openSample(browser: Browser, name: string, baseURL: string, settings?: { signaling: string[] }): Promise<Person> {
  const p = await person(browser, name, `${baseURL}?test`, settings);
  await expect(p.page.locator('article h1')).toHaveText(FIRST_TITLE);
  return p;
}

/** Clicks Share and reads the link from the panel. */
export async function share(p: Person): Promise<string> {
  await p.page.getByTestId('share-button').click();
  const link = await p.page.getByTestId('share-link').inputValue();
  await p.page.getByTestId('collab-menu').click();
  return link;
}

export const status = (p: Person) => p.page.getByTestId('network-status');

/**
 * A comment on characters [start, end) of the `index`-th long paragraph of the article on screen,
 * written through the review session as the notes UI does. Returns the note id.
 */
export async function comment(p: Person, body: string, { index = 0, start = 2, end = 8 } = {}): Promise<string> {
  return p.page.evaluate(
    ({ body, index, start, end }) => {
      const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
      const article = app.reader.article;
      const block = article.blocks.filter((b: { kind: string; text: string }) => b.kind === 'paragraph' && b.text.length > 60)[index];
      const text: string = block.text;
      const target = {
        articleId: article.id,
        blockId: block.id,
        start,
        endBlockId: block.id,
        end,
        quote: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
      };
      const r = app.desk.session.createNote({ target, kind: 'comment', category: 'typo', body });
      if (!r.ok) throw new Error(`note not written: ${r.reason} ${r.detail ?? ''}`);
      return r.id as string;
    },
    { body, index, start, end },
  );
}

/** Number of valid notes in the person's review doc. */
export const noteCount = (p: Person): Promise<number> =>
  p.page.evaluate(() => (window as unknown as { __proofroomApp: any }).__proofroomApp.desk.session?.notes.notes.length ?? -1);

/** The note's text, shown in the margin beside the article. */
export const margin = (p: Person, body: string) => p.page.locator('aside.margin').getByText(body, { exact: true });

export async function closeAll(...people: Array<Person | undefined>): Promise<void> {
  await Promise.all(people.map((p) => p?.context.close().catch(() => undefined)));
}
