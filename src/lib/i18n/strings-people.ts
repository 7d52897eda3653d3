// Interface strings of issue 10 (stitches, people, messages). `peopleEn` is typed against
// `peopleZh`, so a missing translation fails the type check.

export const peopleZh = {} satisfies Record<string, string>;

export const peopleEn: Record<keyof typeof peopleZh, string> = {};
