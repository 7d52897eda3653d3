// Undo and redo of this user's own changes to notes and the ledger. Only transactions tagged
// LOCAL_ORIGIN are captured, so a peer's note or a change from another tab is never reverted.

import * as Y from 'yjs';
import { ledgerMap, notesMap } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';

/** Each local write is its own undo step (captureTimeout 0) unless `captureTimeout` says otherwise. */
export function createUndoManager(doc: Y.Doc, captureTimeout = 0): Y.UndoManager {
  return new Y.UndoManager([notesMap(doc), ledgerMap(doc)], {
    trackedOrigins: new Set<unknown>([LOCAL_ORIGIN]),
    captureTimeout,
  });
}
