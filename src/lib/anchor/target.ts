// The shapes anchoring works with: a range of text inside one article, and a target that
// also carries the quoted text and its context so it can be found again in a revised proof.

/** A stretch of one article's text: from `start` in `blockId` to `end` in `endBlockId` (may be the same block). */
export interface BlockRange {
  blockId: string;
  start: number;
  endBlockId: string;
  end: number;
}

/** What a note points at. `quote` is the selected text (blocks joined by "\n"), prefix/suffix its surroundings. */
export interface Target extends BlockRange {
  articleId: string;
  quote: string;
  prefix: string;
  suffix: string;
}

/** How a target was found again; `orphan` means nowhere in its article. */
export type AnchorStrategy = 'exact' | 'block' | 'article' | 'orphan';

export type Anchor =
  | { strategy: 'exact' | 'block' | 'article'; range: BlockRange; /** 0..1, 1 = exact */ score: number }
  | { strategy: 'orphan'; range: null; score: 0 };

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;
