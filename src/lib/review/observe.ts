// One subscription to everything a view shows from the review doc (proofs, notes, ledger, carry),
// for the state layer's createSubscriber bridge.

import type * as Y from 'yjs';
import { carryMap } from './carry.ts';
import { houseMap, marksMap } from './checker.ts';
import { issueMap, ledgerMap, notesMap } from './doc.ts';
import { proofsMap } from './proofs.ts';

/** Calls `onChange` once after each transaction that changed the review (local or remote); returns the unsubscribe. */
export function observeReview(doc: Y.Doc, onChange: (transaction: Y.Transaction) => void): () => void {
  const roots = new Set<unknown>([issueMap(doc), notesMap(doc), ledgerMap(doc), proofsMap(doc), carryMap(doc), houseMap(doc), marksMap(doc)]);
  const handler = (transaction: Y.Transaction) => {
    for (const type of transaction.changedParentTypes.keys()) {
      if (roots.has(type)) return onChange(transaction);
    }
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
