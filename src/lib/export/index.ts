// Export and import of a review's notes: pure, for the Export menu, the report CLI and tests.

export type { ApplyMode, ExportFormat, ExportInput, ExportLang, ExportNote, ExportOptions, ExportReply } from './types.ts';
export { FORMATS, formatById } from './registry.ts';
export { correctionRows, correctionSheet, correctionsCsv, isCorrection, type CorrectionRow, type CorrectionSheet } from './corrections.ts';
export { reportMarkdown } from './report-md.ts';
export { annotationCollection } from './w3c-export.ts';
export { importAnnotations, type ImportResult, type ImportedNote, type ImportedReply } from './w3c-import.ts';
export type { Anchoring } from './find-in-issue.ts';
export { applySuggestions, type AppliedSuggestions, type SkippedSuggestion } from './apply.ts';
export { issueText, skippedWarnings } from './corrected.ts';
export { correctionHeaders, kindLabel, categoryLabel, statusLabel } from './labels.ts';
