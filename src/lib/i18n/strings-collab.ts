// Interface strings of the collaboration views (share, join, presence, sync status, packages).
// `collabEn` is typed against `collabZh`, so a missing translation fails the type check.

export const collabZh = {
  'collab.offline': '离线',
};

export const collabEn: Record<keyof typeof collabZh, string> = {
  'collab.offline': 'Offline',
};
