// Where notes are in the issue, for the notes views: the page each article is on, and the orders the
// all-notes list offers (by place in the issue, the default; newest or oldest first). Pure.

import type { Issue } from '../issue/types.ts';
import type { Note } from '../review/index.ts';
import { placeInIssue } from '../export/order.ts';

export const NOTE_SORTS = ['place', 'newest', 'oldest'] as const;
export type NoteSort = (typeof NOTE_SORTS)[number];

const pageMaps = new WeakMap<Issue, Map<string, number | null>>();

/** The page an article is on: its own, or that of the nearest paged article before it; null if none. */
export function pageOf(issue: Issue | null | undefined, articleId: string): number | null {
  if (!issue) return null;
  let pages = pageMaps.get(issue);
  if (!pages) {
    pages = new Map();
    let last: number | null = null;
    for (const a of issue.articles) {
      if (a.page !== undefined) last = a.page;
      if (!pages.has(a.id)) pages.set(a.id, last);
    }
    pageMaps.set(issue, pages);
  }
  return pages.get(articleId) ?? null;
}

/** The notes in the order asked for; by place: page, article, position in it, then oldest first. */
export function sortNotes(notes: readonly Note[], issue: Issue | null | undefined, sort: NoteSort): Note[] {
  if (sort === 'place' && issue) return placeInIssue(issue, notes).map((p) => p.note);
  const list = [...notes];
  if (sort === 'newest') list.sort((a, b) => b.created - a.created);
  else list.sort((a, b) => a.created - b.created);
  return list;
}
