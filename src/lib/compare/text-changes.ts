// The text changes between two proofs: for each matched article pair, its cleaned token diff grown
// to whole words, each stretch with before, after, context and targets on both sides. Changes in a
// title block are gathered into one 'title' change (whole old title → whole new title). Articles
// only in the old proof (removed) or only in the new one (added) are one 'text' change each.
// Whitespace, line and block breaks are not tokens, so reflow is no change.
//
//   textChanges(proofs) → Located[] in the new proof's reading order, removed articles last;
//   a Located is a Change (noted not yet decided) with its old article and offsets, if any.

import type { ArticleText } from '../anchor/article-text.ts';
import type { Article } from '../issue/types.ts';
import { boundaryChar } from './alignment.ts';
import type { Hunk } from './myers.ts';
import type { Pair, Proofs } from './proofs.ts';
import { snippet, targetAt } from './targets.ts';
import type { Change } from './types.ts';
import { growToWords, wordBoundaries } from './words.ts';

export interface Located {
  change: Change;
  /** The old passage the change replaced (a point for an insertion), to decide `noted`. */
  old: { articleId: string; start: number; end: number } | null;
}

/** Index of the block containing article offset `pos` (a separator counts with the block before it). */
function blockAt(at: ArticleText, pos: number): number {
  let lo = 0;
  let hi = at.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (at.starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isTitleAt(article: Article, at: ArticleText, pos: number, empty: boolean): boolean {
  if (empty || at.starts.length === 0) return false;
  return article.blocks[blockAt(at, pos)]?.kind === 'title';
}

function change(
  kind: Change['kind'], oldArticleId: string | null, newArticleId: string | null, before: string, after: string,
): Change {
  return { kind, oldArticleId, newArticleId, before, after, context: ['', ''], target: null, oldTarget: null, noted: false, noteIds: [] };
}

function span(at: ArticleText, tokens: Pair['old']['tokens'], i0: number, i1: number): [number, number] {
  if (i1 > i0) return [tokens.starts[i0]!, tokens.ends[i1 - 1]!];
  const p = boundaryChar(tokens, i0, 0);
  return [Math.min(p, at.text.length), Math.min(p, at.text.length)];
}

function titleChange(pair: Pair, hunks: Hunk[]): Located {
  const { old, neu } = pair;
  const oldTitle = old.article.blocks.findIndex((b) => b.kind === 'title');
  const newTitle = neu.article.blocks.findIndex((b) => b.kind === 'title');
  const blockSpan = (at: ArticleText, i: number): [number, number] => (i < 0 ? [0, 0] : [at.starts[i]!, at.starts[i]! + at.lengths[i]!]);
  let [os, oe] = blockSpan(old.at, oldTitle);
  let [ns, ne] = blockSpan(neu.at, newTitle);
  for (const h of hunks) {
    const [a, b] = span(old.at, old.tokens, h.o0, h.o1);
    const [c, d] = span(neu.at, neu.tokens, h.n0, h.n1);
    [os, oe, ns, ne] = [Math.min(os, a), Math.max(oe, b), Math.min(ns, c), Math.max(ne, d)];
  }
  const c = change('title', old.article.id, neu.article.id, old.at.text.slice(os, oe), neu.at.text.slice(ns, ne));
  c.context = snippet(neu.at.text, ns, ne);
  c.target = targetAt(neu.article, ns, ne);
  c.oldTarget = targetAt(old.article, os, oe);
  return { change: c, old: { articleId: old.article.id, start: os, end: oe } };
}

export function pairChanges(pair: Pair, oldLanguage: string, newLanguage: string): Located[] {
  const { old, neu } = pair;
  if (pair.align.hunks.length === 0) return [];
  const hunks = growToWords(
    pair.align.hunks, old.tokens, neu.tokens, wordBoundaries(old.at.text, oldLanguage), wordBoundaries(neu.at.text, newLanguage),
  );
  const out: Located[] = [];
  const titles: Hunk[] = [];
  for (const h of hunks) {
    const [os, oe] = span(old.at, old.tokens, h.o0, h.o1);
    const [ns, ne] = span(neu.at, neu.tokens, h.n0, h.n1);
    if (isTitleAt(old.article, old.at, os, h.o1 === h.o0) || isTitleAt(neu.article, neu.at, ns, h.n1 === h.n0)) {
      titles.push(h);
      continue;
    }
    const c = change('text', old.article.id, neu.article.id, old.at.text.slice(os, oe), neu.at.text.slice(ns, ne));
    c.context = h.n1 === h.n0 ? snippet(old.at.text, os, oe) : snippet(neu.at.text, ns, ne);
    c.target = targetAt(neu.article, ns, ne);
    c.oldTarget = targetAt(old.article, os, oe);
    out.push({ change: c, old: { articleId: old.article.id, start: os, end: oe } });
  }
  if (titles.length > 0) out.unshift(titleChange(pair, titles));
  return out;
}

function wholeArticle(article: Article, at: ArticleText, side: 'old' | 'new'): Located {
  const c = side === 'old' ? change('text', article.id, null, at.text, '') : change('text', null, article.id, '', at.text);
  const t = targetAt(article, 0, at.text.length);
  if (side === 'old') c.oldTarget = t;
  else c.target = t;
  return { change: c, old: side === 'old' ? { articleId: article.id, start: 0, end: at.text.length } : null };
}

export function textChanges(proofs: Proofs): Located[] {
  const out: Located[] = [];
  const oldOf = new Map<string, string>();
  for (const [o, n] of proofs.articles) oldOf.set(n, o);
  const oldLanguage = proofs.oldIssue.language ?? 'other';
  const newLanguage = proofs.newIssue.language ?? 'other';
  for (const article of proofs.newArticles) {
    const oldId = oldOf.get(article.id);
    const pair = oldId === undefined ? null : proofs.pair(oldId);
    if (pair) out.push(...pairChanges(pair, oldLanguage, newLanguage));
    else if (oldId === undefined) out.push(wholeArticle(article, proofs.newSide(article.id)!.at, 'new'));
  }
  for (const article of proofs.oldArticles) {
    if (!proofs.articles.has(article.id)) out.push(wholeArticle(article, proofs.oldSide(article.id)!.at, 'old'));
  }
  return out;
}
