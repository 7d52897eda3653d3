// Review packages: a whole review as one file, for reviewers with no signaling at all. The file is
// `PROOFROOM\n`, one line of JSON header, then the Yjs update of the doc (docs/PROTOCOL.md §4).
// Importing is a CRDT merge: idempotent and order-free, previewed and undoable (review/merge.ts).
// A bad file is refused before the doc is touched.

import * as Y from 'yjs';
import { readIssue, readNotes } from '../review/index.ts';

export const PACKAGE_EXTENSION = '.proofroom';
export const PACKAGE_MIME = 'application/x-proofroom';
const MAGIC = 'PROOFROOM\n';
const MAX_HEADER = 16 * 1024;

/** A fresh origin for one import's transactions: outside Ctrl+Z, undone only as a whole import. */
export const packageOrigin = (): { readonly name: 'proofroom-package' } => Object.freeze({ name: 'proofroom-package' });

export interface PackageHeader {
  format: 'proofroom-review';
  version: 1;
  issueId: string;
  issueTitle: string;
  exportedBy: { id: string; name: string };
  /** ms since the epoch */
  exportedAt: number;
  notes: number;
}

export type PackageProblem = 'not-a-package' | 'newer-version' | 'damaged' | 'other-issue';

export class PackageError extends Error {
  constructor(
    readonly problem: PackageProblem,
    /** For other-issue: the package's issue title. */
    readonly detail = '',
  ) {
    super(`review package: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'PackageError';
  }
}

/** A package holding everything `doc` knows. */
export function encodePackage(doc: Y.Doc, by: { id: string; name: string }, now = Date.now()): Uint8Array {
  const issue = readIssue(doc).issue;
  const header: PackageHeader = {
    format: 'proofroom-review',
    version: 1,
    issueId: issue?.id ?? '',
    issueTitle: issue?.title ?? '',
    exportedBy: { id: by.id, name: by.name },
    exportedAt: now,
    notes: readNotes(doc).notes.length,
  };
  const head = new TextEncoder().encode(`${MAGIC}${JSON.stringify(header)}\n`);
  const update = Y.encodeStateAsUpdate(doc);
  const out = new Uint8Array(head.length + update.length);
  out.set(head, 0);
  out.set(update, head.length);
  return out;
}

/** Header and update of a package; throws PackageError when the bytes are not one. */
export function decodePackage(bytes: Uint8Array): { header: PackageHeader; update: Uint8Array } {
  const magic = new TextEncoder().encode(MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) throw new PackageError('not-a-package');
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0 || end - magic.length > MAX_HEADER) throw new PackageError('damaged');
  let header: Partial<PackageHeader>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(magic.length, end))) as Partial<PackageHeader>;
  } catch {
    throw new PackageError('damaged');
  }
  if (!header || header.format !== 'proofroom-review') throw new PackageError('not-a-package');
  if (header.version !== 1) throw new PackageError('newer-version');
  const by = header.exportedBy as Partial<PackageHeader['exportedBy']> | undefined;
  if (typeof header.issueId !== 'string' || typeof header.issueTitle !== 'string' || typeof by?.name !== 'string') {
    throw new PackageError('damaged');
  }
  return { header: header as PackageHeader, update: bytes.subarray(end + 1) };
}

/** Applies the update to a scratch doc: throws 'damaged' unless it reads cleanly and completely. */
function checkUpdate(update: Uint8Array, header: PackageHeader): void {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
    // A complete export never leaves structs waiting for missing history.
    if (scratch.store.pendingStructs || scratch.store.pendingDs) throw new PackageError('damaged');
    const issue = readIssue(scratch);
    if (issue.issue && issue.issue.id !== header.issueId) throw new PackageError('damaged');
  } catch (e) {
    throw e instanceof PackageError ? e : new PackageError('damaged');
  } finally {
    scratch.destroy();
  }
}

/**
 * Opens a package for the review of `issueId`: its header and its update, checked on a scratch doc.
 * Throws PackageError, touching nothing, for a bad file or a package of another issue. What merging
 * it would change is then review/merge.ts's planMerge; applying it, applyMerge.
 */
export function openPackage(bytes: Uint8Array, issueId: string): { header: PackageHeader; update: Uint8Array } {
  const { header, update } = decodePackage(bytes);
  if (header.issueId !== issueId) throw new PackageError('other-issue', header.issueTitle || header.issueId);
  checkUpdate(update, header);
  return { header, update };
}
