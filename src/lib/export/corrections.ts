// 校样意见单, the corrections list for the typesetter: one row per note that asks for something
// (suggestions, comments, questions, and highlights that say why), ordered by page and position,
// columns 序号 页码 文章 原文 改为 类别 提出人 状态 核红. As data for the print view, and as CSV.

import { categoryLabel, correctionHeaders, phrase, statusLabel } from './labels.ts';
import { placeInIssue, snippet, tail, head } from './order.ts';
import { toCsv } from './csv.ts';
import type { ExportFormat, ExportInput, ExportLang, ExportNote } from './types.ts';

export interface CorrectionRow {
  /** 序号, from 1. */
  number: number;
  /** 页码: the article's page; null when the issue does not give one. */
  page: number | null;
  /** 文章: the article's title (its id when the article is not in this proof). */
  article: string;
  /** 原文: the passage with a little context, `…前文【原文】后文…` (`‸` marks an insertion point). */
  original: string;
  /** 改为: the proposed text, `删除`, `在“…”后插入“…”`, or `（批注）…`/`（提问）…` for a comment or question. */
  change: string;
  category: string;
  author: string;
  status: string;
  /** 核红, from `checks`; '' when there is none. */
  check: string;
  noteId: string;
  articleId: string;
}

export interface CorrectionSheet {
  /** For the print view's page header: issue, round, 校样意见单. */
  title: string;
  headers: string[];
  rows: CorrectionRow[];
}

/** A bare highlight asks the typesetter for nothing; every other note is a row. */
export function isCorrection(note: ExportNote): boolean {
  return note.kind !== 'highlight' || note.body.trim() !== '';
}

export function changeOf(note: ExportNote, lang: ExportLang): string {
  const s = note.suggestion;
  if (note.kind === 'suggestion' && s) {
    if (s.op === 'delete') return phrase(lang, 'delete');
    if (s.op === 'insert' || note.target.quote === '') {
      // An insertion with a passage selected goes after the passage (see docs/FORMATS.md).
      const before = tail(note.target.quote === '' ? note.target.prefix : note.target.quote);
      if (before.text) return phrase(lang, 'insertAfter', { before: (before.cut ? '…' : '') + before.text, text: s.text });
      const after = head(note.target.quote === '' ? note.target.suffix : '');
      if (after.text) return phrase(lang, 'insertBefore', { after: after.text + (after.cut ? '…' : ''), text: s.text });
      return phrase(lang, 'insertAt', { text: s.text });
    }
    return s.text;
  }
  return phrase(lang, note.kind === 'question' ? 'questionNote' : 'commentNote', { text: note.body });
}

export function correctionRows(input: ExportInput): CorrectionRow[] {
  const notes = input.notes.filter(isCorrection);
  // Sorted by the page an unpaged article inherits from the one before it, shown with its own.
  return placeInIssue(input.issue, notes).map(({ note, article }, i) => ({
    number: i + 1,
    page: article?.page ?? null,
    article: article?.title ?? note.target.articleId,
    original: snippet(note),
    change: changeOf(note, input.lang),
    category: categoryLabel(input.lang, note.category),
    author: note.author.name,
    status: statusLabel(input.lang, note.status),
    check: input.checks?.get(note.id) ?? '',
    noteId: note.id,
    articleId: note.target.articleId,
  }));
}

export function correctionSheet(input: ExportInput): CorrectionSheet {
  return {
    title: phrase(input.lang, 'sheetTitle', { issue: input.issue.title, round: input.round.label }),
    headers: correctionHeaders(input.lang),
    rows: correctionRows(input),
  };
}

export function correctionsCsv(input: ExportInput): string {
  const sheet = correctionSheet(input);
  const cells = sheet.rows.map((r) => [r.number, r.page, r.article, r.original, r.change, r.category, r.author, r.status, r.check]);
  return toCsv([sheet.headers, ...cells]);
}

export const correctionsCsvFormat: ExportFormat = {
  id: 'corrections-csv',
  label: { 'zh-CN': '校样意见单（CSV）', en: 'Corrections list (CSV)' },
  extension: 'csv',
  mime: 'text/csv;charset=utf-8',
  produce: (input) => correctionsCsv(input),
};
