// The words the exported files are written in, zh-CN and English: kinds, categories, statuses,
// the corrections list's columns and the phrases of the report. Kept here (not in the app's
// interface strings) because they are part of documents that leave the app.

import type { Category, NoteKind, NoteStatus } from '../review/types.ts';
import type { ExportLang } from './types.ts';

const KINDS: Record<ExportLang, Record<NoteKind, string>> = {
  'zh-CN': { highlight: '划线', comment: '批注', question: '提问', suggestion: '建议修改' },
  en: { highlight: 'highlight', comment: 'comment', question: 'question', suggestion: 'suggestion' },
};

const CATEGORIES: Record<ExportLang, Record<Category, string>> = {
  'zh-CN': { typo: '错别字', punctuation: '标点', fact: '事实', layout: '格式', style: '文风', other: '其他' },
  en: { typo: 'typo', punctuation: 'punctuation', fact: 'fact', layout: 'layout', style: 'style', other: 'other' },
};

const STATUSES: Record<ExportLang, Record<NoteStatus, string>> = {
  'zh-CN': { open: '未解决', resolved: '已解决', accepted: '已采纳', rejected: '未采纳' },
  en: { open: 'open', resolved: 'resolved', accepted: 'accepted', rejected: 'rejected' },
};

// A value a newer schema adds is shown as itself rather than as nothing.
export const kindLabel = (lang: ExportLang, kind: NoteKind): string => KINDS[lang][kind] ?? kind;
export const categoryLabel = (lang: ExportLang, category: Category): string => CATEGORIES[lang][category] ?? category;
export const statusLabel = (lang: ExportLang, status: NoteStatus): string => STATUSES[lang][status] ?? status;

/** Columns of the corrections list (校样意见单), in order. */
export const CORRECTION_COLUMNS = ['number', 'page', 'article', 'original', 'change', 'category', 'author', 'status', 'check'] as const;
export type CorrectionColumn = (typeof CORRECTION_COLUMNS)[number];

const HEADERS: Record<ExportLang, Record<CorrectionColumn, string>> = {
  'zh-CN': { number: '序号', page: '页码', article: '文章', original: '原文', change: '改为', category: '类别', author: '提出人', status: '状态', check: '核红' },
  en: { number: 'No.', page: 'Page', article: 'Article', original: 'Original', change: 'Change to', category: 'Category', author: 'Raised by', status: 'Status', check: 'Check' },
};

export function correctionHeaders(lang: ExportLang): string[] {
  return CORRECTION_COLUMNS.map((c) => HEADERS[lang][c]);
}

/** Phrases of the corrections list and the report; `{x}` marks a value filled in by `fill`. */
const PHRASES = {
  'zh-CN': {
    delete: '删除',
    insertAfter: '在“{before}”后插入“{text}”',
    insertBefore: '在“{after}”前插入“{text}”',
    insertAt: '插入“{text}”',
    commentNote: '（批注）{text}',
    questionNote: '（提问）{text}',
    sheetTitle: '{issue} {round} 校样意见单',
    reportTitle: '{issue} {round} 审校意见',
    reportSummary: '共 {count} 条意见，导出于 {time}。',
    noNotes: '本校次没有意见。',
    notInIssue: '不在本校样中的意见',
    articleOnPage: '{title}（第 {page} 页）',
    original: '原文',
    change: '改为',
    by: '提出人',
    check: '核红',
    replies: '回复',
    edited: '（{time} 修改）',
    skippedOverlap: '建议 {id}（“{quote}”）与较早的建议 {other} 重叠，未应用。',
    skippedMissing: '建议 {id}（“{quote}”）在本校样中找不到原文，未应用。',
    notesTitle: '{issue} {round} 批注',
  },
  en: {
    delete: 'delete',
    insertAfter: 'insert “{text}” after “{before}”',
    insertBefore: 'insert “{text}” before “{after}”',
    insertAt: 'insert “{text}”',
    commentNote: '(comment) {text}',
    questionNote: '(question) {text}',
    sheetTitle: '{issue}, {round}: corrections',
    reportTitle: '{issue}, {round}: review notes',
    reportSummary: '{count} notes, exported {time}.',
    noNotes: 'No notes in this round.',
    notInIssue: 'Notes not in this proof',
    articleOnPage: '{title} (p. {page})',
    original: 'Original',
    change: 'Change to',
    by: 'By',
    check: 'Check',
    replies: 'Replies',
    edited: '(edited {time})',
    skippedOverlap: 'Suggestion {id} (“{quote}”) overlaps the earlier suggestion {other}; not applied.',
    skippedMissing: 'Suggestion {id} (“{quote}”) was not found in this proof; not applied.',
    notesTitle: '{issue}, {round}: notes',
  },
} as const;

export type Phrase = keyof (typeof PHRASES)['en'];

/** A phrase with its `{name}` parameters filled in. */
export function phrase(lang: ExportLang, key: Phrase, values: Record<string, string | number> = {}): string {
  return PHRASES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
