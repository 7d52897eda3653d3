// The contents column as a view model: the printed contents (sections → group headings →
// entries), each entry joined to its article, then any article the contents does not list.
// Pure: no Svelte, no DOM.
import type { Issue } from '../issue/types';

export interface ContentsItem {
  /** Key for the list: the contents entry id, or the article id for an unlisted article. */
  key: string;
  articleId: string | null;
  /** The title printed above the article; the contents title when no article was found. */
  title: string;
  /** The contents title, set only when it differs from the printed one. */
  tocTitle?: string;
  author?: string;
  page?: number;
}

export interface ContentsGroup {
  heading: string | null;
  items: ContentsItem[];
}

export interface ContentsSection {
  /** null for the articles outside the printed contents (or an issue with no contents page). */
  id: string | null;
  title: string | null;
  groups: ContentsGroup[];
}

export function buildContents(issue: Issue): ContentsSection[] {
  const byId = new Map(issue.articles.map((a) => [a.id, a]));
  const listed = new Set<string>();
  const sections: ContentsSection[] = issue.sections.map((section) => {
    const groups: ContentsGroup[] = [];
    for (const entry of section.entries) {
      const article = entry.articleId ? byId.get(entry.articleId) : undefined;
      if (article) listed.add(article.id);
      const item: ContentsItem = { key: entry.id, articleId: article?.id ?? null, title: article?.title ?? entry.title };
      if (article?.titleMismatch) item.tocTitle = article.tocTitle ?? entry.title;
      if (entry.author) item.author = entry.author;
      const page = entry.page ?? article?.page;
      if (page !== undefined) item.page = page;
      const heading = entry.group ?? null;
      const last = groups[groups.length - 1];
      if (last && last.heading === heading) last.items.push(item);
      else groups.push({ heading, items: [item] });
    }
    return { id: section.id, title: section.title, groups };
  });
  const unlisted = issue.articles.filter((a) => !listed.has(a.id));
  if (unlisted.length > 0) {
    const items = unlisted.map((a): ContentsItem => {
      const item: ContentsItem = { key: a.id, articleId: a.id, title: a.title };
      if (a.page !== undefined) item.page = a.page;
      return item;
    });
    sections.push({ id: null, title: null, groups: [{ heading: null, items }] });
  }
  return sections;
}

const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Keeps the items whose title, contents title, author, page, group or section contains `filter`. */
export function filterContents(sections: ContentsSection[], filter: string): ContentsSection[] {
  const needle = squash(filter);
  if (!needle) return sections;
  const hit = (text: string | null | undefined) => !!text && squash(text).includes(needle);
  const result: ContentsSection[] = [];
  for (const section of sections) {
    if (hit(section.title)) {
      result.push(section);
      continue;
    }
    const groups: ContentsGroup[] = [];
    for (const group of section.groups) {
      const items = hit(group.heading)
        ? group.items
        : group.items.filter((i) => hit(i.title) || hit(i.tocTitle) || hit(i.author) || String(i.page) === needle);
      if (items.length > 0) groups.push({ heading: group.heading, items });
    }
    if (groups.length > 0) result.push({ ...section, groups });
  }
  return result;
}
