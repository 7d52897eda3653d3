// Anchoring: describe a selection as a target, find a target again. Pure string code (dom.ts aside).

export type { Anchor, AnchorStrategy, BlockRange, Target } from './target.ts';
export { CONTEXT_LENGTH } from './target.ts';
export { describeRange } from './describe.ts';
export { findTarget } from './find.ts';
export { matchQuote, type QuoteMatch, type QuoteContext } from './match-quote.ts';
