// Interface strings of the notes views (margin, composer, all-notes list, sign-off).
// `notesEn` is typed against `notesZh`, so a missing translation fails the type check.

export const notesZh = {
  'margin.empty': '本文还没有批注',
};

export const notesEn: Record<keyof typeof notesZh, string> = {
  'margin.empty': 'No notes on this article yet',
};
