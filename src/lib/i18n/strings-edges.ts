// Interface strings of issue 10 (edges). `edgesEn` is typed against `edgesZh`, so a missing translation
// fails the type check.

export const edgesZh = {} satisfies Record<string, string>;

export const edgesEn: Record<keyof typeof edgesZh, string> = {};
