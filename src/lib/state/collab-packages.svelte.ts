// Review packages for the open review: export the doc as a `.proofroom` file, import someone else's
// and keep what it brought (or why it was refused) for the view to show.

import {
  PACKAGE_EXTENSION,
  PACKAGE_MIME,
  PACKAGE_ORIGIN,
  PackageError,
  encodePackage,
  importPackage,
  type ImportSummary,
  type PackageProblem,
} from '../sync/review-package.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';

export type PackageOutcome =
  | { ok: true; fileName: string; summary: ImportSummary }
  | { ok: false; fileName: string; problem: PackageProblem | 'no-review' | 'unreadable'; detail: string };

/** Characters that are awkward in file names on some systems. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

export class ReviewPackages {
  readonly #desk: ReviewDesk;
  #last = $state.raw<PackageOutcome | null>(null);
  #busy = $state(false);

  constructor(desk: ReviewDesk) {
    this.#desk = desk;
  }

  /** What the file picker offers: review packages. */
  readonly accept = PACKAGE_EXTENSION;

  /** The outcome of the last import, until dismissed. */
  get last(): PackageOutcome | null {
    return this.#last;
  }
  get busy(): boolean {
    return this.#busy;
  }

  dismiss(): void {
    this.#last = null;
  }

  /** The open review as a file, named after the issue, the exporter and the day. */
  exportFile(now = new Date()): File | null {
    const session = this.#desk.session;
    if (!session) return null;
    const me = session.me.author;
    const bytes = encodePackage(session.doc, { id: me.id, name: me.name }, now.getTime());
    const title = (session.issue?.title ?? session.issueId).replace(UNSAFE, ' ').trim().slice(0, 60);
    const day = now.toISOString().slice(0, 10);
    const name = `${title} · ${me.name.replace(UNSAFE, ' ')} · ${day}${PACKAGE_EXTENSION}`;
    return new File([bytes as BlobPart], name, { type: PACKAGE_MIME });
  }

  /** Merges a package file into the open review. */
  async importFile(file: File): Promise<PackageOutcome> {
    const session = this.#desk.session;
    let outcome: PackageOutcome;
    if (!session) {
      outcome = { ok: false, fileName: file.name, problem: 'no-review', detail: '' };
    } else {
      this.#busy = true;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const summary = importPackage(session.doc, session.issueId, bytes, PACKAGE_ORIGIN);
        outcome = { ok: true, fileName: file.name, summary };
      } catch (e) {
        outcome =
          e instanceof PackageError
            ? { ok: false, fileName: file.name, problem: e.problem, detail: e.detail }
            : { ok: false, fileName: file.name, problem: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
      } finally {
        this.#busy = false;
      }
    }
    this.#last = outcome;
    return outcome;
  }
}
