// The corrected issue as files: plain text (the issue's title, then each article's blocks one a
// line in reading order, a blank line between articles) and Proofroom Markdown (issue/markdown.ts).
// Suggestions left out (overlapping, or not found) are told as warnings, never written into the file.

import { toMarkdown } from '../issue/markdown.ts';
import type { Issue } from '../issue/types.ts';
import { applySuggestions } from './apply.ts';
import { phrase } from './labels.ts';
import type { ExportFormat, ExportInput, ExportOptions } from './types.ts';

export function issueText(issue: Issue): string {
  const parts = [issue.title, ...issue.articles.map((a) => a.blocks.map((b) => b.text.replace(/\s*\n\s*/g, ' ')).join('\n'))];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

const corrected = (input: ExportInput, options?: ExportOptions) => applySuggestions(input.issue, input.notes, options?.apply ?? 'accepted');

/** Why each suggestion that should have been applied was not, in the export's language. */
export function skippedWarnings(input: ExportInput, options?: ExportOptions): string[] {
  return corrected(input, options).skipped.map((s) => {
    const quote = s.quote.length > 20 ? `${s.quote.slice(0, 20)}…` : s.quote;
    return s.reason === 'overlap'
      ? phrase(input.lang, 'skippedOverlap', { id: s.noteId, quote, other: s.other ?? '' })
      : phrase(input.lang, 'skippedMissing', { id: s.noteId, quote });
  });
}

export const correctedTextFormat: ExportFormat = {
  id: 'corrected-text',
  label: { 'zh-CN': '改后全文（纯文本）', en: 'Corrected text (plain text)' },
  extension: 'txt',
  mime: 'text/plain;charset=utf-8',
  produce: (input, options) => issueText(corrected(input, options).issue),
  warnings: skippedWarnings,
};

export const correctedMarkdownFormat: ExportFormat = {
  id: 'corrected-md',
  label: { 'zh-CN': '改后全文（Markdown）', en: 'Corrected text (Markdown)' },
  extension: 'md',
  mime: 'text/markdown;charset=utf-8',
  produce: (input, options) => toMarkdown(corrected(input, options).issue),
  warnings: skippedWarnings,
};
