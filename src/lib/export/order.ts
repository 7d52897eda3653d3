// Where a note sits in the issue, for ordering and for showing it: its article, that article's
// page, its offset in the article's text, and the quoted passage with a little context around it.

import { articleText, toArticleOffset } from '../anchor/article-text.ts';
import type { Article, Issue } from '../issue/types.ts';
import type { ExportNote } from './types.ts';

export interface NotePlace<N extends ExportNote = ExportNote> {
  note: N;
  /** Null when the note's article is not in the issue. */
  article: Article | null;
  /** Position of the article in reading order (articles not in the issue come after all). */
  articleIndex: number;
  /** The article's page, or the page of the nearest paged article before it; null when none is known. */
  page: number | null;
  /** Offset of the note's start in the article's text; Infinity when its block is unknown. */
  offset: number;
}

/**
 * The notes in reading order: by page, by article, by position in the article, then oldest first.
 * An article without a page keeps its place after the paged article before it.
 */
export function placeInIssue<N extends ExportNote>(issue: Issue, notes: readonly N[]): NotePlace<N>[] {
  const index = new Map<string, number>();
  const pages = new Map<string, number | null>();
  let lastPage: number | null = null;
  issue.articles.forEach((a, i) => {
    if (!index.has(a.id)) index.set(a.id, i);
    if (a.page !== undefined) lastPage = a.page;
    if (!pages.has(a.id)) pages.set(a.id, lastPage);
  });
  const byId = new Map(issue.articles.map((a) => [a.id, a] as const));
  const places = notes.map((note): NotePlace<N> => {
    const article = byId.get(note.target.articleId) ?? null;
    if (!article) return { note, article, articleIndex: issue.articles.length, page: null, offset: Infinity };
    const offset = toArticleOffset(articleText(article), note.target.blockId, note.target.start);
    return { note, article, articleIndex: index.get(article.id)!, page: pages.get(article.id) ?? null, offset: offset ?? Infinity };
  });
  const pageKey = (p: NotePlace<N>) => (p.article === null ? Infinity : (p.page ?? -1));
  return places.sort(
    (a, b) =>
      pageKey(a) - pageKey(b) ||
      a.articleIndex - b.articleIndex ||
      (a.note.target.articleId < b.note.target.articleId ? -1 : a.note.target.articleId > b.note.target.articleId ? 1 : 0) ||
      compareOffsets(a.offset, b.offset) ||
      a.note.created - b.note.created ||
      (a.note.id < b.note.id ? -1 : a.note.id > b.note.id ? 1 : 0),
  );
}

function compareOffsets(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Context shown on each side of a quote: 6 hanzi, or 12 narrower characters (Latin letters, digits). */
export const SNIPPET_CONTEXT = 6;

/** Hanzi, kana, hangul and full-width forms take two columns; the rest one. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** As many characters as fit in `n` hanzi's width, from the start of `chars`. */
function fit(chars: string[], n: number): number {
  let width = 0;
  let count = 0;
  for (const c of chars) {
    width += WIDE.test(c) ? 2 : 1;
    if (width > 2 * n) break;
    count++;
  }
  return count;
}

/** The end of the text after its last block break, about `n` hanzi wide, marked `…` when cut. */
export function tail(text: string, n = SNIPPET_CONTEXT): { text: string; cut: boolean } {
  const chars = Array.from(text.slice(text.lastIndexOf('\n') + 1)).reverse();
  const count = fit(chars, n);
  return { text: chars.slice(0, count).reverse().join(''), cut: count < chars.length };
}

/** The start of the text before its first block break, about `n` hanzi wide, marked when cut. */
export function head(text: string, n = SNIPPET_CONTEXT): { text: string; cut: boolean } {
  const nl = text.indexOf('\n');
  const chars = Array.from(nl < 0 ? text : text.slice(0, nl));
  const count = fit(chars, n);
  return { text: chars.slice(0, count).join(''), cut: count < chars.length };
}

/**
 * The passage with a little context, as a proofreader writes it: `…前文【原文】后文…`, or for an
 * insertion point `…前文‸后文…`. Context stops at block breaks; a break inside the quote is kept.
 */
export function snippet(note: Pick<ExportNote, 'target'>, n = SNIPPET_CONTEXT): string {
  const before = tail(note.target.prefix, n);
  const after = head(note.target.suffix, n);
  const middle = note.target.quote === '' ? '‸' : `【${note.target.quote}】`;
  return `${before.cut ? '…' : ''}${before.text}${middle}${after.text}${after.cut ? '…' : ''}`;
}
