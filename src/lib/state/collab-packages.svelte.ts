// Review packages for the open review: export the doc as a `.proofroom` file; import one — or a
// file of W3C Web Annotations from another tool, anchored in the proof on screen — in two steps:
// first what it would change (additions, edits, removals, with their authors), then the merge,
// keeping other people's work it would remove unless that is confirmed; and undo an import as a
// whole. Views read the preview and the outcome; they never touch yjs.

import { importAnnotations } from '../export/w3c-import.ts';
import type { Issue } from '../issue/types.ts';
import { importUpdate } from '../review/import-notes.ts';
import { applyMerge, isEmptyPlan, planMerge, type AppliedMerge, type MergePlan, type Removal } from '../review/merge.ts';
import {
  PACKAGE_EXTENSION,
  PACKAGE_MIME,
  PackageError,
  encodePackage,
  openPackage,
  packageOrigin,
  type PackageProblem,
} from '../sync/review-package.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';
import type { Session } from './session.svelte.ts';

/** A package read and planned, waiting for the reviewer to import it or not. */
export interface ImportPreview {
  fileName: string;
  exportedBy: string;
  plan: MergePlan;
  /** What it would remove of people other than its author: kept unless confirmed. */
  othersRemoved: Removal[];
  /** Annotations from another tool that could not be placed in the proof, with their quote and why. */
  unanchored: Array<{ quote: string; reason: string }>;
  /** Notes it has that the review has already (importing twice adds nothing). */
  known: number;
}

export interface ImportDone {
  ok: true;
  fileName: string;
  exportedBy: string;
  /** Nothing to change: everything in it was already here. */
  nothing: boolean;
  /** Annotations that could not be placed (W3C imports). */
  unanchored: number;
  added: number;
  /** Authors of the added notes, most notes first. */
  authors: string[];
  edited: number;
  replies: number;
  signOffs: number;
  removed: number;
  /** Others' work it would have removed, kept because that was not confirmed. */
  kept: number;
  undone: boolean;
}

export type PackageOutcome =
  | ImportDone
  | { ok: false; fileName: string; problem: PackageProblem | FileProblem | 'no-review' | 'unreadable'; detail: string };

/** Why a file of notes could not be read, each said in the reader's language. */
type FileProblem = 'empty' | 'not-text' | 'json-syntax' | 'not-annotations';

/** Characters that are awkward in file names on some systems. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** The proof on screen: annotations are anchored in it, and the notes made in it. */
export type ShownProof = () => { issue: Issue | null; proof: string | null };

export class ReviewPackages {
  readonly #desk: ReviewDesk;
  readonly #shown: ShownProof;
  /** What the file picker offers: review packages, and W3C Web Annotations from other tools. */
  readonly accept = `${PACKAGE_EXTENSION},.json,.jsonld,application/json,application/ld+json`;
  #last = $state.raw<PackageOutcome | null>(null);
  #preview = $state.raw<ImportPreview | null>(null);
  #pending = $state.raw<{ session: Session; update: Uint8Array } | null>(null);
  #applied = $state.raw<{ session: Session; merge: AppliedMerge } | null>(null);
  /** Bumped when the last import is undone (its handle is not reactive). */
  #undone = $state(0);
  #busy = $state(false);

  constructor(desk: ReviewDesk, shown: ShownProof = () => ({ issue: desk.session?.issue ?? null, proof: null })) {
    this.#desk = desk;
    this.#shown = shown;
  }

  /** The outcome of the last import, until dismissed. */
  get last(): PackageOutcome | null {
    return this.#last;
  }
  /** The package waiting for a decision, if any. */
  get preview(): ImportPreview | null {
    return this.#pending?.session === this.#desk.session ? this.#preview : null;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** The last import can still be taken back as a whole. */
  get canUndo(): boolean {
    void this.#undone;
    const a = this.#applied;
    return !!a && a.session === this.#desk.session && !a.merge.undone;
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

  /** Reads a package and works out what it would change; nothing is merged yet. */
  async open(file: File): Promise<void> {
    this.cancel();
    this.#last = null;
    // The undo offered is the last import's; a new file replaces that offer.
    this.#applied?.merge.destroy();
    this.#applied = null;
    const session = this.#desk.session;
    if (!session) {
      this.#last = { ok: false, fileName: file.name, problem: 'no-review', detail: '' };
      return;
    }
    this.#busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
        this.#last = { ok: false, fileName: file.name, problem: 'empty', detail: '' };
        return;
      }
      const read = looksLikeJson(bytes) ? this.#annotations(bytes, session) : this.#package(bytes, session);
      if ('problem' in read) {
        this.#last = { ok: false, fileName: file.name, ...read };
        return;
      }
      const { update, exportedBy, unanchored, known } = read;
      const plan = planMerge(session.doc, update, { id: read.authorId });
      const preview: ImportPreview = {
        fileName: file.name,
        exportedBy,
        plan,
        othersRemoved: plan.removed.filter((r) => r.others),
        unanchored,
        known,
      };
      if (isEmptyPlan(plan)) {
        this.#last = outcome(preview, 0, false);
        return;
      }
      this.#pending = { session, update };
      this.#preview = preview;
    } catch (e) {
      this.#last =
        e instanceof PackageError
          ? { ok: false, fileName: file.name, problem: e.problem, detail: e.detail }
          : { ok: false, fileName: file.name, problem: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Merges the previewed package. Other people's notes, replies and sign-offs it would remove are
   * kept unless `removeOthers` (the reviewer's explicit confirmation); its author's own removals apply.
   */
  confirm({ removeOthers = false } = {}): void {
    const pending = this.#pending;
    const preview = this.#preview;
    if (!pending || !preview || pending.session !== this.#desk.session) return this.cancel();
    this.#applied?.merge.destroy();
    const keep = removeOthers ? [] : preview.othersRemoved;
    const merge = applyMerge(pending.session.doc, pending.update, packageOrigin(), keep);
    this.#applied = { session: pending.session, merge };
    this.#last = outcome(preview, keep.length, false);
    this.#pending = null;
    this.#preview = null;
  }

  #package(bytes: Uint8Array, session: Session): Read {
    const { header, update } = openPackage(bytes, session.issueId);
    return { update, exportedBy: header.exportedBy.name, authorId: header.exportedBy.id, unanchored: [], known: 0 };
  }

  /** W3C annotations anchored in the proof on screen, as an update of notes made in it. */
  #annotations(bytes: Uint8Array, session: Session): Read | { problem: FileProblem | 'unreadable'; detail: string } {
    const { issue, proof } = this.#shown();
    if (!issue) return { problem: 'unreadable', detail: '' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { problem: 'not-text', detail: '' };
    }
    try {
      JSON.parse(text);
    } catch {
      return { problem: 'json-syntax', detail: '' };
    }
    const found = importAnnotations(text, issue);
    if (found.drafts.length === 0 && found.unanchored.length === 0) return { problem: 'not-annotations', detail: '' };
    const { update, known, refused } = importUpdate(session.doc, found.drafts, proof);
    const unanchored = [...found.unanchored, ...refused.map((r) => ({ quote: '', reason: r.reason }))];
    const names = [...new Set(found.drafts.map((d) => d.author.name))].join('、');
    return { update, exportedBy: names || '?', authorId: '', unanchored, known };
  }

  cancel(): void {
    this.#pending = null;
    this.#preview = null;
  }

  /** Takes the last import back: what it added goes, what it removed or changed comes back. */
  undoImport(): void {
    if (!this.canUndo) return;
    this.#applied!.merge.undo();
    this.#undone++;
    const last = this.#last;
    if (last?.ok) this.#last = { ...last, undone: true };
  }
}

interface Read {
  update: Uint8Array;
  exportedBy: string;
  authorId: string;
  unanchored: Array<{ quote: string; reason: string }>;
  known: number;
}

/** A JSON file (W3C annotations) rather than a review package, by its first non-blank byte. */
function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}

function outcome(preview: ImportPreview, kept: number, undone: boolean): ImportDone {
  const { plan } = preview;
  const byAuthor = new Map<string, number>();
  for (const n of plan.added) byAuthor.set(n.author.name, (byAuthor.get(n.author.name) ?? 0) + 1);
  return {
    ok: true,
    fileName: preview.fileName,
    exportedBy: preview.exportedBy,
    nothing: isEmptyPlan(plan),
    added: plan.added.length,
    authors: [...byAuthor].sort((a, b) => b[1] - a[1]).map(([name]) => name),
    edited: plan.edited.length,
    replies: plan.repliesAdded.length,
    signOffs: plan.signOffsAdded.length,
    removed: plan.removed.length - kept,
    kept,
    unanchored: preview.unanchored.length,
    undone,
  };
}
