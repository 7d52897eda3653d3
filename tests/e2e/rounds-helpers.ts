// Shared steps of the proof-cycle specs: notes on a phrase of the article on screen (written through
// the review session, as the notes UI does), a second proof made from the sample by replacing
// phrases, and the 核红 list as the page shows it.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const SAMPLE_TEXT = readFileSync('static/sample-issue.txt', 'utf8');

/** A note on the first occurrence of `phrase` in the article on screen; returns its id. */
export async function noteOn(
  page: Page,
  phrase: string,
  note: { kind: 'comment' | 'suggestion' | 'question'; body?: string; proposal?: string },
): Promise<string> {
  return page.evaluate(
    ({ phrase, note }) => {
      const app = (window as unknown as { __proofroomApp: any }).__proofroomApp;
      const article = app.reader.article;
      const block = article.blocks.find((b: { text: string }) => b.text.includes(phrase));
      if (!block) throw new Error(`no ${phrase} in the article`);
      const start = block.text.indexOf(phrase);
      const end = start + phrase.length;
      const target = {
        articleId: article.id,
        blockId: block.id,
        start,
        endBlockId: block.id,
        end,
        quote: phrase,
        prefix: block.text.slice(Math.max(0, start - 32), start),
        suffix: block.text.slice(end, end + 32),
      };
      const draft: Record<string, unknown> = { target, kind: note.kind, category: 'typo', body: note.body ?? '', proof: app.reader.proofId };
      if (note.kind === 'suggestion') draft.suggestion = { op: 'replace', text: note.proposal };
      const r = app.desk.session.createNote(draft);
      if (!r.ok) throw new Error(`note not written: ${r.reason} ${r.detail ?? ''}`);
      return r.id as string;
    },
    { phrase, note },
  );
}

/** The sample with each [before, after] replaced once: the typesetter's next proof. */
export function revisedSample(path: string, edits: Array<[string, string]>): string {
  let text = SAMPLE_TEXT;
  for (const [before, after] of edits) {
    if (!text.includes(before)) throw new Error(`no ${before} in the sample`);
    text = text.replace(before, after);
  }
  writeFileSync(path, text);
  return path;
}

/** The 核红 items on screen as [status shown, quote], in order. */
export async function checkItems(page: Page): Promise<Array<[string, string]>> {
  await expect(page.getByTestId('check-view')).toBeVisible();
  return page.getByTestId('check-item').evaluateAll((items) =>
    items.map((li) => [li.querySelector('.status')?.textContent?.trim() ?? '', li.querySelector('.quote')?.textContent?.trim() ?? '']),
  );
}
