// Whether one issue looks like a later proof of another: the same issue label (or title), and most
// of the text shared. Text is compared as sampled character shingles, so even a twenty-fold issue
// costs a few milliseconds and a few hundred thousand small numbers.

import type { Issue } from './types.ts';

const SHINGLE = 8;
/** One shingle in SAMPLE is kept (by hash), which keeps the comparison cheap on big issues. */
const SAMPLE = 8;

function shingles(issue: Issue): Set<number> {
  const out = new Set<number>();
  for (const article of issue.articles) {
    for (const block of article.blocks) {
      const text = block.text.replace(/\s+/g, '');
      for (let i = 0; i + SHINGLE <= text.length; i++) {
        const h = fnv(text, i, i + SHINGLE);
        if (h % SAMPLE === 0) out.add(h);
      }
    }
  }
  return out;
}

function fnv(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The share (0..1) of `b`'s sampled shingles that `a` has too. */
export function sharedText(a: Issue, b: Issue): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sb.size === 0) return 0;
  let common = 0;
  for (const h of sb) if (sa.has(h)) common++;
  return common / sb.size;
}

const label = (issue: Issue): string => (issue.masthead.issueLabel ?? issue.title).replace(/\s+/g, '').toLowerCase();

const length = (issue: Issue): number => issue.articles.reduce((n, a) => n + a.blocks.reduce((m, b) => m + b.text.length, 0), 0);

/**
 * Same label as `of`, about as long (a proof is not a twentyfold reprint), and at least `threshold`
 * of its text shared either way; never the very same issue.
 */
export function looksLikeRevision(candidate: Issue, of: Issue, threshold = 0.5): { shared: number } | null {
  if (candidate.id === of.id || label(candidate) !== label(of)) return null;
  const ratio = length(candidate) / Math.max(1, length(of));
  if (ratio < 0.67 || ratio > 1.5) return null;
  const shared = Math.min(sharedText(candidate, of), sharedText(of, candidate));
  return shared >= threshold ? { shared } : null;
}
