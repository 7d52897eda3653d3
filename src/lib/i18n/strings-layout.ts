// Interface strings of issue 10 (layout). `layoutEn` is typed against `layoutZh`, so a missing translation
// fails the type check.

export const layoutZh = {
  'layout.contents': '目录',
  'layout.contentsOpen': '打开目录',
  'layout.notes': '批注',
  'layout.notesOpen': '打开批注栏',
  'layout.close': '关闭',
  'layout.more': '更多',
  'layout.moreLabel': '更多操作',
  'layout.people': '{n} 人在线',
  'layout.peopleMore': '另有 {n} 人',
} satisfies Record<string, string>;

export const layoutEn: Record<keyof typeof layoutZh, string> = {
  'layout.contents': 'Contents',
  'layout.contentsOpen': 'Open the contents',
  'layout.notes': 'Notes',
  'layout.notesOpen': 'Open the notes',
  'layout.close': 'Close',
  'layout.more': 'More',
  'layout.moreLabel': 'More actions',
  'layout.people': '{n} here',
  'layout.peopleMore': '{n} more',
};
