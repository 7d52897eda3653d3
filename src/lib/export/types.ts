// What every export format takes and gives: the proof, the round, the notes in the proof's
// coordinates, the 核红 statuses, the language and the clock. Pure data; no yjs, no DOM.

import type { Issue } from '../issue/types.ts';
import type { Note, Reply } from '../review/types.ts';

export type ExportLang = 'zh-CN' | 'en';

/** The parts of a reply the formats read (a review `Reply` is one). */
export type ExportReply = Pick<Reply, 'id' | 'author' | 'body' | 'created' | 'edited'>;

/**
 * The parts of a note the formats read. A review `Note` is one, and so is an imported note, so the
 * formats do not depend on the review schema's bookkeeping (decisions, problems, …).
 */
export interface ExportNote
  extends Pick<Note, 'id' | 'target' | 'kind' | 'category' | 'colour' | 'author' | 'created' | 'edited' | 'status' | 'body' | 'suggestion'> {
  /** Oldest first. */
  replies: readonly ExportReply[];
}

export interface ExportInput {
  /** The proof the notes' targets point into. */
  issue: Issue;
  /** e.g. `{ index: 2, label: '二校' }`, the label already localised by the caller. */
  round: { index: number; label: string };
  /** Targets in `issue`'s coordinates. */
  notes: readonly ExportNote[];
  /** 核红 status of a note in this round (by note id), already localised (e.g. '已改'), when there is one. */
  checks?: ReadonlyMap<string, string>;
  lang: ExportLang;
  now: Date;
  /** IANA zone for the times shown to people (Markdown report); the runtime's own zone when absent. */
  timeZone?: string;
}

/** Which suggestions the corrected text applies: accepted ones (default), or all that are not rejected. */
export type ApplyMode = 'accepted' | 'all';

export interface ExportOptions {
  apply?: ApplyMode;
}

export interface ExportFormat {
  /** 'corrections-csv' | 'report-md' | 'w3c-jsonld' | 'corrected-text' | 'corrected-md' */
  id: string;
  label: { 'zh-CN': string; en: string };
  /** Without the dot. */
  extension: string;
  mime: string;
  /** The file's whole text; the caller adds nothing (the CSV carries its own BOM). */
  produce(input: ExportInput, options?: ExportOptions): string;
  /**
   * Things the person exporting should know that do not belong in the file (suggestions left out
   * of a corrected text, and why), localised; none when absent or empty.
   */
  warnings?(input: ExportInput, options?: ExportOptions): string[];
}
