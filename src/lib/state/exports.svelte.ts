// Exports of the open review for the proof on screen: the formats of the one registry
// (src/lib/export: 校样意见单 as CSV, the Markdown report, W3C Web Annotations, the corrected text),
// the issue text alone (Markdown, JSON), and the corrections list as rows for the print view. The
// notes go out where they are in that proof: carried ones at their new place, with their 核红 status.

import { FORMATS, correctionSheet, formatById, type CorrectionSheet, type ExportInput, type ExportLang, type ExportNote } from '../export/index.ts';
import { toIssueJson } from '../issue/issue-json.ts';
import { toMarkdown } from '../issue/markdown.ts';
import type { Reader } from './reader.svelte.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';

export interface ExportFile {
  name: string;
  text: string;
  mime: string;
  /** Things to tell the person exporting (suggestions left out of a corrected text, and why). */
  warnings: string[];
}

/** Characters that are awkward in file names on some systems. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;
const ISSUE_ONLY = ['issue-md', 'issue-json'] as const;

export class Exports {
  readonly #desk: ReviewDesk;
  readonly #reader: Reader;
  /** The corrections list shown as a page to print, while it is open. */
  #printing = $state.raw<CorrectionSheet | null>(null);

  constructor(desk: ReviewDesk, reader: Reader) {
    this.#desk = desk;
    this.#reader = reader;
  }

  /** The registry's formats of notes (the menu adds the issue text alone: 'issue-md', 'issue-json'). */
  get formats(): ReadonlyArray<{ id: string; label: { 'zh-CN': string; en: string } }> {
    return FORMATS;
  }

  get printing(): CorrectionSheet | null {
    return this.#printing;
  }

  /**
   * What the formats take, for the proof on screen. Notes carried from the proof before are placed
   * where they are now; `for` says what else the format needs:
   * - 'list' (corrections list, report): each with what it asked for (its old quote) and its 核红
   *   status, the lost ones too (at their old place);
   * - 'annotations' (W3C): selectors must match this proof's text, so the quote is the one here;
   * - 'apply' (corrected text): only what is still to do here — this proof's own suggestions, and
   *   earlier ones not carried out (未改); applying an applied one again would apply it twice.
   */
  input(lang: ExportLang, { roundLabel, checkLabel, for: use = 'list' }: Labels & { for?: 'list' | 'annotations' | 'apply' }): ExportInput | null {
    const issue = this.#reader.issue;
    const session = this.#desk.session;
    if (!issue) return null;
    const proof = this.#reader.proof;
    const round = proof?.round ?? 1;
    const notes: ExportNote[] = [];
    const checks = new Map<string, string>();
    if (session) {
      for (const item of session.notesIn(proof?.id ?? session.issueId).all) {
        const carried = item.carried;
        if (use === 'apply' && (!item.target || (carried && carried.status !== 'not-applied'))) continue;
        if (use === 'annotations' && !item.target) continue;
        let target = item.target ?? item.note.target;
        if (carried && item.target && use === 'list') target = { ...item.target, quote: item.note.target.quote };
        notes.push(target === item.note.target ? item.note : { ...item.note, target });
        if (carried) checks.set(item.note.id, checkLabel(carried.status, item.note.kind));
      }
    }
    return { issue, round: { index: round, label: roundLabel(round) }, notes, checks, lang, now: new Date() };
  }

  /** One format's file for the proof on screen, or null when nothing is open. */
  file(id: string, lang: ExportLang, labels: Labels, apply?: 'accepted' | 'all'): ExportFile | null {
    const issue = this.#reader.issue;
    if (!issue) return null;
    const base = issue.title.replace(UNSAFE, ' ').trim().slice(0, 60) || issue.id;
    const round = labels.roundLabel(this.#reader.proof?.round ?? 1);
    if ((ISSUE_ONLY as readonly string[]).includes(id)) {
      // The issue text alone is named after the file it came from, as it always was.
      const source = issue.source.name.replace(/\.[^.]+$/, '') || issue.id;
      return id === 'issue-md'
        ? { name: `${source}.md`, text: toMarkdown(issue), mime: 'text/markdown;charset=utf-8', warnings: [] }
        : { name: `${source}.json`, text: toIssueJson(issue), mime: 'application/json', warnings: [] };
    }
    const format = formatById(id);
    const input = this.input(lang, { ...labels, for: id.startsWith('corrected') ? 'apply' : id === 'w3c-jsonld' ? 'annotations' : 'list' });
    if (!format || !input) return null;
    const options = apply ? { apply } : {};
    return {
      name: `${base} ${round} ${format.label[lang]}.${format.extension}`.replace(UNSAFE, ' '),
      text: format.produce(input, options),
      mime: format.mime,
      warnings: format.warnings?.(input, options) ?? [],
    };
  }

  /** Opens the corrections list as a page to print (A4, a header on every page). */
  print(lang: ExportLang, labels: Labels): void {
    const input = this.input(lang, labels);
    this.#printing = input ? correctionSheet(input) : null;
  }

  closePrint(): void {
    this.#printing = null;
  }
}

/** Localised words the state does not own: a round's label, a 核红 status's. */
export interface Labels {
  roundLabel: (round: number) => string;
  checkLabel: (status: string, kind: string) => string;
}
