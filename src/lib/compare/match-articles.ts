// Which article of the old proof is which of the new one, one to one, even when a title changed:
// first by id (the id is a hash of the printed title), then by title similarity (character bigrams,
// with the text not contradicting it), then by text similarity (sampled character 4-grams of the
// body, whitespace dropped, compared through an inverted index so a thousand retitled articles
// cost no more than reading them).
//
//   matchArticles(oldArticles, newArticles) → Map<old id, new id>

import type { Article } from '../issue/types.ts';
import { bare, bigrams, dice } from './similarity.ts';

const TITLE_MIN = 0.5;
/** Below this the bodies of a title match must not disagree. */
const TITLE_BODY_MIN = 0.2;
const BODY_MIN = 0.5;
/** Pairs of leftover articles whose titles are compared one by one; beyond it, only body candidates. */
const ALL_PAIRS_LIMIT = 40_000;

/** A sample of the body's 4-grams (hashes ≡ 0 mod 4), so the sample of a shared passage is shared too. */
function shingles(article: Article): Set<number> {
  const text = bare(article.blocks.filter((b) => b.kind !== 'title').map((b) => b.text).join(''));
  const out = new Set<number>();
  for (let i = 0; i + 4 <= text.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ text.charCodeAt(i + k), 0x01000193);
    h = (h ^ (h >>> 15)) >>> 0;
    if ((h & 3) === 0) out.add(h);
  }
  return out;
}

interface Candidate {
  o: number;
  n: number;
  score: number;
}

function assign(candidates: Candidate[], oldArticles: Article[], newArticles: Article[], usedOld: Set<number>, usedNew: Set<number>, out: Map<string, string>): void {
  candidates.sort((x, y) => y.score - x.score || x.o - y.o || x.n - y.n);
  for (const c of candidates) {
    if (usedOld.has(c.o) || usedNew.has(c.n)) continue;
    usedOld.add(c.o);
    usedNew.add(c.n);
    out.set(oldArticles[c.o]!.id, newArticles[c.n]!.id);
  }
}

export function matchArticles(oldArticles: Article[], newArticles: Article[]): Map<string, string> {
  const out = new Map<string, string>();
  const newById = new Map<string, number>();
  newArticles.forEach((a, i) => newById.has(a.id) || newById.set(a.id, i));
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  oldArticles.forEach((a, i) => {
    const j = newById.get(a.id);
    if (j === undefined || usedNew.has(j) || usedOld.has(i)) return;
    usedOld.add(i);
    usedNew.add(j);
    out.set(a.id, a.id);
  });

  const leftOld = oldArticles.map((_, i) => i).filter((i) => !usedOld.has(i));
  const leftNew = newArticles.map((_, i) => i).filter((i) => !usedNew.has(i));
  if (leftOld.length === 0 || leftNew.length === 0) return out;

  // Body similarity of every leftover pair that shares a sampled 4-gram.
  const oldShingles = new Map(leftOld.map((i) => [i, shingles(oldArticles[i]!)]));
  const newShingles = new Map(leftNew.map((j) => [j, shingles(newArticles[j]!)]));
  const index = new Map<number, number[]>();
  for (const [j, set] of newShingles) for (const h of set) (index.get(h) ?? index.set(h, []).get(h)!).push(j);
  const body = new Map<number, Map<number, number>>();
  for (const [i, set] of oldShingles) {
    const shared = new Map<number, number>();
    for (const h of set) for (const j of index.get(h) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    const scores = new Map<number, number>();
    for (const [j, common] of shared) scores.set(j, (2 * common) / (set.size + newShingles.get(j)!.size));
    body.set(i, scores);
  }

  // Titles: every leftover pair when there are few, else the pairs whose bodies share something.
  const titleCandidates: Candidate[] = [];
  const oldTitles = new Map(leftOld.map((i) => [i, bigrams(oldArticles[i]!.title)]));
  const newTitles = new Map(leftNew.map((j) => [j, bigrams(newArticles[j]!.title)]));
  const pairs: Array<[number, number]> =
    leftOld.length * leftNew.length <= ALL_PAIRS_LIMIT
      ? leftOld.flatMap((i) => leftNew.map((j): [number, number] => [i, j]))
      : leftOld.flatMap((i) => [...body.get(i)!.keys()].map((j): [number, number] => [i, j]));
  for (const [i, j] of pairs) {
    const score = dice(oldTitles.get(i)!, newTitles.get(j)!);
    if (score < TITLE_MIN) continue;
    const hasBody = oldShingles.get(i)!.size >= 8 && newShingles.get(j)!.size >= 8;
    if (hasBody && (body.get(i)!.get(j) ?? 0) < TITLE_BODY_MIN) continue;
    titleCandidates.push({ o: i, n: j, score });
  }
  assign(titleCandidates, oldArticles, newArticles, usedOld, usedNew, out);

  const bodyCandidates: Candidate[] = [];
  for (const [i, scores] of body) {
    if (usedOld.has(i)) continue;
    for (const [j, score] of scores) if (!usedNew.has(j) && score >= BODY_MIN) bodyCandidates.push({ o: i, n: j, score });
  }
  assign(bodyCandidates, oldArticles, newArticles, usedOld, usedNew, out);
  return out;
}
