// Keeps the issue text in a review doc once this device holds a copy of it. A peer can delete the
// `issue` map's keys, write garbage into them, or put another issue there; each time, the damage
// is reported and this device's copy is written back (after the transaction that did it), so the
// local copy keeps working and colleagues who join later still receive the right text.

import type * as Y from 'yjs';
import type { Issue } from '../issue/types.ts';
import { issueMap } from './doc.ts';
import { readIssue, setIssue, type IssueWrite } from './issue-field.ts';
import { LOCAL_ORIGIN } from './origin.ts';

export type IssueDamage = 'removed' | 'damaged' | 'replaced';

export interface IssueGuardOptions {
  /** This device's copy, once it has one. */
  own: () => Issue | null;
  /** Called after a damaged issue was written back. */
  onRestore: (damage: IssueDamage) => void;
  /** Passed to setIssue (tests use small limits). */
  limit?: number;
}

/** What is wrong with the doc's issue for a review of `issueId`, or null when nothing is. */
export function issueDamage(doc: Y.Doc, issueId: string): IssueDamage | null {
  const read = readIssue(doc);
  if (read.issue?.id === issueId || read.tooLarge?.id === issueId) return null;
  if (read.issue) return 'replaced';
  if (read.invalid) return 'damaged';
  return issueMap(doc).size === 0 ? 'removed' : 'damaged';
}

/** Writes `own` into the doc unless it is already there; a different issue is replaced. */
export function provideIssue(doc: Y.Doc, own: Issue, limit?: number): IssueWrite {
  return setIssue(doc, own, { replace: true, ...(limit !== undefined ? { limit } : {}) });
}

/** Watches `doc` for changes to its issue made elsewhere; returns the stop function. */
export function guardIssue(doc: Y.Doc, issueId: string, options: IssueGuardOptions): () => void {
  const map: unknown = issueMap(doc);
  let scheduled = false;
  let stopped = false;
  const check = () => {
    scheduled = false;
    const own = options.own();
    if (stopped || doc.isDestroyed || !own || own.id !== issueId) return;
    const damage = issueDamage(doc, issueId);
    if (!damage) return;
    provideIssue(doc, own, options.limit);
    options.onRestore(damage);
  };
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === LOCAL_ORIGIN || scheduled || ![...tr.changedParentTypes.keys()].includes(map as never)) return;
    // Not inside the transaction's cleanup: write back in a fresh one.
    scheduled = true;
    queueMicrotask(check);
  };
  doc.on('afterTransaction', onTransaction);
  return () => {
    stopped = true;
    doc.off('afterTransaction', onTransaction);
  };
}
