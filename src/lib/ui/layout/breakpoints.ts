// The widths where the page changes shape; app.css and the layout components use the same numbers.
// NARROW: contents and notes become drawers over the article. TOOLS: the secondary top-bar buttons fold
// into the "more" menu. ROOMY: three colleagues' chips, with the article each is reading.

export const NARROW = '(max-width: 899.98px)';
export const TOOLS_FOLDED = '(max-width: 1199.98px)';
export const PHONE = '(max-width: 599.98px)';
export const ROOMY = '(min-width: 1600px)';
export const COARSE = '(pointer: coarse)';

/** The panels that become drawers over the article on narrow screens. */
export type DrawerName = 'contents' | 'notes';
