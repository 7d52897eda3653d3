// The stitches of an article in reading order: where the parser joined two extracted lines back
// into one block (`Block.joins`), with a little text each side so a reviewer can judge them in a list.

import type { Article, Issue, Join } from './types.ts';

export interface StitchPlace {
  blockId: string;
  /** Offset in the block's text where the second piece starts. */
  at: number;
  kind: Join['kind'];
  /** Up to `side` characters before and after the join. */
  before: string;
  after: string;
}

export function articleStitches(article: Article, side = 12): StitchPlace[] {
  const out: StitchPlace[] = [];
  for (const block of article.blocks) {
    const joins = (block.joins ?? []).filter((j) => j.at > 0 && j.at < block.text.length).sort((a, b) => a.at - b.at);
    for (const j of joins) {
      out.push({
        blockId: block.id,
        at: j.at,
        kind: j.kind,
        before: block.text.slice(Math.max(0, j.at - side), j.at),
        after: block.text.slice(j.at, j.at + side),
      });
    }
  }
  return out;
}

/** How many stitches each article has (articles without any are left out). */
export function stitchCounts(issue: Issue): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of issue.articles) {
    let n = 0;
    for (const b of a.blocks) n += (b.joins ?? []).filter((j) => j.at > 0 && j.at < b.text.length).length;
    if (n > 0) counts.set(a.id, n);
  }
  return counts;
}
