// Interface strings of issue 10 (a11y). `a11yEn` is typed against `a11yZh`, so a missing translation
// fails the type check.

export const a11yZh = {} satisfies Record<string, string>;

export const a11yEn: Record<keyof typeof a11yZh, string> = {};
