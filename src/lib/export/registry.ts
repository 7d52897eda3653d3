// The one list of export formats: the Export menu and the report CLI read it, in this order.

import { correctionsCsvFormat } from './corrections.ts';
import { correctedMarkdownFormat, correctedTextFormat } from './corrected.ts';
import { reportMarkdownFormat } from './report-md.ts';
import type { ExportFormat } from './types.ts';
import { w3cFormat } from './w3c-export.ts';

export const FORMATS: readonly ExportFormat[] = Object.freeze([
  correctionsCsvFormat,
  reportMarkdownFormat,
  w3cFormat,
  correctedTextFormat,
  correctedMarkdownFormat,
]);

export function formatById(id: string): ExportFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}
