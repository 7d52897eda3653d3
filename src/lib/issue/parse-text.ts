// Plain text extracted from a printed issue → Issue. Front matter and contents first, then the
// body guided by the contents (or by layout when there is none), then stable ids for everything.

import { ISSUE_FORMAT, ISSUE_VERSION, type Article, type Block, type Issue, type IssueSource, type Section } from './types.ts';
import { hashString, makeArticleId, makeBlockId, makeEntryId, makeSectionId } from './ids.ts';
import { titleMismatch } from './title-mismatch.ts';
import { parseFront, type RawEntry, type RawSection } from './parse-front.ts';
import { bodyLines, draftArticles, locateByContents, locateByLayout } from './parse-body.ts';
import { LineIndex } from './line-index.ts';
import { charLength, languageOf, squash } from './text-shape.ts';

interface FlatEntry {
  section: number;
  entry: RawEntry;
}

/**
 * Contents entries that extraction wrapped onto two lines (`…工会党支部 44` + `开展学雷锋主题党日活动 44`)
 * are joined again when the pair, not the second line alone, opens a title in the body.
 */
function mergeWrapped(sections: RawSection[], index: LineIndex): void {
  const opens = (t: string): boolean => index.opens(t);
  for (const section of sections) {
    const merged: RawEntry[] = [];
    for (const e of section.entries) {
      const prev = merged[merged.length - 1];
      if (prev && !prev.author && prev.page === e.page && prev.group === e.group) {
        const both = squash(prev.title + e.title);
        if (charLength(squash(e.title)) <= 6 ? opens(both) || !opens(squash(e.title)) : opens(both) && !opens(squash(e.title))) {
          prev.title = `${prev.title}${e.title}`;
          if (e.author) prev.author = e.author;
          continue;
        }
      }
      merged.push({ ...e });
    }
    section.entries = merged;
  }
}

export function parseText(text: string, source: IssueSource, onProgress?: (fraction: number) => void): Issue {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const front = parseFront(lines);
  onProgress?.(0.1);
  const nb = bodyLines(lines, front.bodyStart);
  const index = new LineIndex(nb);
  mergeWrapped(front.sections, index);

  const strip = new Set(front.sections.flatMap((s) => [s.title, ...s.groups]).map(squash).filter(Boolean));
  const flat: FlatEntry[] = front.sections.flatMap((s, section) => s.entries.map((entry) => ({ section, entry })));
  let located = locateByContents(index, flat.map((f) => f.entry.title), strip)
    .map((m, entry) => (m ? { ...m, entry } : null))
    .filter((m): m is NonNullable<typeof m> => m !== null);
  if (!located.length) located = locateByLayout(nb).map((m) => ({ ...m, entry: -1 }));
  onProgress?.(0.4);

  const drafts = draftArticles(nb, located, strip);
  onProgress?.(0.8);

  const sectionIds = new Set<string>();
  const sections: Section[] = front.sections.map((s) => ({
    id: makeSectionId(s.title, sectionIds),
    title: s.title,
    entries: [],
  }));
  const entryIds = new Set<string>();
  flat.forEach((f, i) => {
    const section = sections[f.section]!;
    section.entries.push({
      id: makeEntryId(i, f.entry.title, entryIds),
      title: f.entry.title,
      ...(f.entry.author ? { author: f.entry.author } : {}),
      ...(f.entry.page !== undefined ? { page: f.entry.page } : {}),
      ...(f.entry.group ? { group: f.entry.group } : {}),
      articleId: null,
    });
  });

  const articleIds = new Set<string>();
  const articles: Article[] = drafts.map((d) => {
    const drafted = [...d.titleLines, ...d.body];
    const printedTitle = d.titleLines.find((b) => b.kind === 'title')?.text ?? drafted[0]?.text ?? '';
    const id = makeArticleId(printedTitle, articleIds);
    const blocks: Block[] = drafted.map((b, i) => ({
      id: makeBlockId(id, i),
      kind: b.kind,
      text: b.text,
      ...(b.joins?.length ? { joins: b.joins } : {}),
    }));
    const f = d.entry >= 0 ? flat[d.entry] : undefined;
    const section = f ? sections[f.section] : undefined;
    const tocEntry = f && section ? section.entries.find((e) => e.title === f.entry.title && e.articleId === null) : undefined;
    if (tocEntry) tocEntry.articleId = id;
    return {
      id,
      title: printedTitle,
      sectionId: section?.id ?? null,
      ...(f?.entry.group ? { group: f.entry.group } : {}),
      tocEntryId: tocEntry?.id ?? null,
      ...(f ? { tocTitle: f.entry.title } : {}),
      ...(f?.entry.page !== undefined ? { page: f.entry.page } : {}),
      titleMismatch: f ? titleMismatch(f.entry.title, blocks) : false,
      blocks,
    };
  });
  // Articles the contents did not list (or text before the first title) join the section before them.
  let lastSection: string | null = null;
  for (const a of articles) {
    if (a.sectionId) lastSection = a.sectionId;
    else if (lastSection && a.tocEntryId === null) a.sectionId = lastSection;
  }
  onProgress?.(1);

  return {
    format: ISSUE_FORMAT,
    version: ISSUE_VERSION,
    id: `i${hashString(text)}`,
    title: front.masthead.issueLabel ?? source.name.replace(/\.[^.]+$/, ''),
    language: languageOf(text),
    masthead: front.masthead,
    sections,
    articles,
    source: { ...source, format: 'text' },
  };
}
