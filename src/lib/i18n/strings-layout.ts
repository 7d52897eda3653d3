// Interface strings of issue 10 (layout). `layoutEn` is typed against `layoutZh`, so a missing translation
// fails the type check.

export const layoutZh = {} satisfies Record<string, string>;

export const layoutEn: Record<keyof typeof layoutZh, string> = {};
