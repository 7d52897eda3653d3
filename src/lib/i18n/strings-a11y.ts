// Interface strings of issue 10 (a11y). `a11yEn` is typed against `a11yZh`, so a missing translation
// fails the type check.

export const a11yZh = {
  'a11y.skipArticle': '跳到正文',
  'a11y.caretHint': '正文可用键盘阅读：方向键移动光标，Shift 加方向键选择文字，Ctrl 加方向键按词移动；选好后按 Alt+C 批注、Alt+S 建议修改。',
  'a11y.marks': '本段有批注的文字',
  'a11y.help.skip': '第一次按：跳到正文',
  'a11y.help.caret': '在正文中移动光标（按字、按行、按词）',
  'a11y.help.select': '在正文中选择文字，再按 Alt + C 等添加批注',
  'a11y.singleKeys': '单字母快捷键（j、k、n、p、/、?）',
  'a11y.noteAdded': '{name} 添加了{kind}：“{quote}”',
  'a11y.noteStatus': '{name} 把“{quote}”上的{kind}标为{status}',
  'a11y.manyChanges': '同伴有 {n} 处新的批注或改动',
  'a11y.replyAdded': '{name} 回复了“{quote}”的批注',
} satisfies Record<string, string>;

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  'a11y.skipArticle': 'Skip to the article',
  'a11y.caretHint':
    'The article can be read with the keyboard: arrow keys move a caret, Shift with an arrow selects text, Ctrl with an arrow moves a word; then Alt+C comments and Alt+S suggests a change.',
  'a11y.marks': 'Noted passages in this paragraph',
  'a11y.help.skip': 'First press: skip to the article',
  'a11y.help.caret': 'In the article: move the caret (a character, a line, a word)',
  'a11y.help.select': 'In the article: select text, then Alt + C etc. to add a note',
  'a11y.singleKeys': 'Single-letter shortcuts (j, k, n, p, /, ?)',
  'a11y.noteAdded': '{name} added a {kind}: “{quote}”',
  'a11y.noteStatus': '{name} marked the {kind} on “{quote}” {status}',
  'a11y.manyChanges': '{n} new notes or changes from colleagues',
  'a11y.replyAdded': '{name} replied to the note on “{quote}”',
} satisfies Record<string, string>;
