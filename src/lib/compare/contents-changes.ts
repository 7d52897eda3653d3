// Changes to the contents pages: section titles, entry titles and authors ('contents'; an entry
// added or removed too) and page numbers ('pages'). Entries are matched through their articles
// (the article match), then by the same title, then by similar titles in order. Page numbers that
// moved by the same amount in a run of consecutive entries are one grouped change ("3–31" →
// "5–33", group {count, shift}), not one per entry. Whitespace is never a change.
//
//   contentsChanges(proofs) → Change[] (context: [section title, entry title])

import type { Issue, TocEntry } from '../issue/types.ts';
import type { Proofs } from './proofs.ts';
import { bare, titleSimilarity } from './similarity.ts';
import type { Change } from './types.ts';

interface Entry {
  entry: TocEntry;
  section: string;
  index: number;
}

function entriesOf(issue: Issue): Entry[] {
  const out: Entry[] = [];
  for (const s of Array.isArray(issue?.sections) ? issue.sections : []) {
    for (const entry of Array.isArray(s?.entries) ? s.entries : []) {
      if (entry && typeof entry.title === 'string') out.push({ entry, section: s.title ?? '', index: out.length });
    }
  }
  return out;
}

function make(kind: 'contents' | 'pages', before: string, after: string, oldE: Entry | null, newE: Entry | null): Change {
  const at = newE ?? oldE;
  return {
    kind,
    oldArticleId: oldE?.entry.articleId ?? null,
    newArticleId: newE?.entry.articleId ?? null,
    before,
    after,
    context: [at?.section ?? '', at?.entry.title ?? ''],
    target: null,
    oldTarget: null,
    noted: false,
    noteIds: [],
  };
}

/** Old entry → new entry. */
function matchEntries(olds: Entry[], news: Entry[], articles: Map<string, string>): Map<Entry, Entry> {
  const out = new Map<Entry, Entry>();
  const used = new Set<Entry>();
  const link = (o: Entry, n: Entry | undefined) => {
    if (!n || used.has(n) || out.has(o)) return;
    out.set(o, n);
    used.add(n);
  };
  const byArticle = new Map<string, Entry>();
  for (const n of news) if (n.entry.articleId && !byArticle.has(n.entry.articleId)) byArticle.set(n.entry.articleId, n);
  for (const o of olds) {
    const mapped = o.entry.articleId ? articles.get(o.entry.articleId) : undefined;
    if (mapped) link(o, byArticle.get(mapped));
  }
  const byTitle = new Map<string, Entry[]>();
  for (const n of news) if (!used.has(n)) (byTitle.get(bare(n.entry.title)) ?? byTitle.set(bare(n.entry.title), []).get(bare(n.entry.title))!).push(n);
  for (const o of olds) if (!out.has(o)) link(o, byTitle.get(bare(o.entry.title))?.find((n) => !used.has(n)));
  const candidates: Array<{ o: Entry; n: Entry; score: number }> = [];
  const leftOld = olds.filter((o) => !out.has(o));
  const leftNew = news.filter((n) => !used.has(n));
  if (leftOld.length * leftNew.length <= 40_000) {
    for (const o of leftOld) {
      for (const n of leftNew) {
        const score = titleSimilarity(o.entry.title, n.entry.title);
        if (score >= 0.5) candidates.push({ o, n, score });
      }
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.o.index - y.o.index || x.n.index - y.n.index);
  for (const c of candidates) link(c.o, c.n);
  return out;
}

function sectionChanges(oldIssue: Issue, newIssue: Issue): Change[] {
  const olds = Array.isArray(oldIssue?.sections) ? oldIssue.sections : [];
  const news = Array.isArray(newIssue?.sections) ? newIssue.sections : [];
  const out: Change[] = [];
  const usedNew = new Set<number>();
  const pairs = new Map<number, number>();
  olds.forEach((s, i) => {
    const j = news.findIndex((n, k) => !usedNew.has(k) && n.id === s.id);
    if (j >= 0) (usedNew.add(j), pairs.set(i, j));
  });
  // The rest in order: the first old section left with the first new one left.
  const leftNew = news.map((_, k) => k).filter((k) => !usedNew.has(k));
  olds.forEach((_, i) => {
    if (!pairs.has(i) && leftNew.length > 0) pairs.set(i, leftNew.shift()!);
  });
  for (const [i, j] of pairs) {
    const before = olds[i]!.title ?? '';
    const after = news[j]!.title ?? '';
    if (bare(before) !== bare(after)) out.push({ ...make('contents', before, after, null, null), context: [after, ''] });
  }
  return out;
}

function pageChanges(runs: Array<{ o: Entry; n: Entry; from: number; to: number }>): Change[] {
  const out: Change[] = [];
  let k = 0;
  while (k < runs.length) {
    const first = runs[k]!;
    const shift = first.to - first.from;
    let last = k;
    while (last + 1 < runs.length && runs[last + 1]!.to - runs[last + 1]!.from === shift && runs[last + 1]!.n.index === runs[last]!.n.index + 1) last++;
    const end = runs[last]!;
    if (last === k) {
      out.push(make('pages', String(first.from), String(first.to), first.o, first.n));
    } else {
      const c = make('pages', `${first.from}–${end.from}`, `${first.to}–${end.to}`, null, null);
      c.context = [first.n.section, first.n.entry.title];
      c.group = { count: last - k + 1, shift };
      out.push(c);
    }
    k = last + 1;
  }
  return out;
}

export function contentsChanges(proofs: Proofs): Change[] {
  const olds = entriesOf(proofs.oldIssue);
  const news = entriesOf(proofs.newIssue);
  const matched = matchEntries(olds, news, proofs.articles);
  const newToOld = new Map<Entry, Entry>();
  for (const [o, n] of matched) newToOld.set(n, o);

  const out: Change[] = sectionChanges(proofs.oldIssue, proofs.newIssue);
  const moved: Array<{ o: Entry; n: Entry; from: number; to: number }> = [];
  const pages: Change[] = [];
  for (const n of news) {
    const o = newToOld.get(n);
    if (!o) {
      out.push(make('contents', '', n.entry.title, null, n));
      continue;
    }
    if (bare(o.entry.title) !== bare(n.entry.title)) out.push(make('contents', o.entry.title, n.entry.title, o, n));
    if (bare(o.entry.author ?? '') !== bare(n.entry.author ?? '')) out.push(make('contents', o.entry.author ?? '', n.entry.author ?? '', o, n));
    const from = o.entry.page;
    const to = n.entry.page;
    if (typeof from === 'number' && typeof to === 'number') {
      if (from !== to) moved.push({ o, n, from, to });
    } else if (from !== to) {
      pages.push(make('pages', from === undefined ? '' : String(from), to === undefined ? '' : String(to), o, n));
    }
  }
  for (const o of olds) if (!matched.has(o)) out.push(make('contents', o.entry.title, '', o, null));
  return [...out, ...pageChanges(moved), ...pages];
}
