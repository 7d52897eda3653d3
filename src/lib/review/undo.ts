// Undo and redo of this user's own changes to notes and the ledger. Only transactions tagged
// LOCAL_ORIGIN are captured, so a peer's note or a change from another tab is never reverted.

import * as Y from 'yjs';
import { REPLY_PREFIX, ledgerMap, notesMap } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';

/**
 * Each local write is its own undo step (captureTimeout 0) unless `captureTimeout` says otherwise.
 *
 * Once someone else has replied to a note, undoing its creation would delete their reply with it;
 * so when a reply arrives from elsewhere, the step that created that note leaves the undo stack
 * (the note can still be deleted on purpose, which says so).
 */
export function createUndoManager(doc: Y.Doc, captureTimeout = 0): Y.UndoManager {
  const notes = notesMap(doc);
  const undo = new Y.UndoManager([notes, ledgerMap(doc)], {
    trackedOrigins: new Set<unknown>([LOCAL_ORIGIN]),
    captureTimeout,
  });
  const guard = (tr: Y.Transaction): void => {
    if (tr.origin === LOCAL_ORIGIN || tr.origin === undo || undo.undoStack.length === 0) return;
    const replied: Y.ID[] = [];
    tr.changed.forEach((keys, type) => {
      const item = type._item;
      if (!item || item.parent !== notes) return;
      for (const key of keys) if (key?.startsWith(REPLY_PREFIX)) return void replied.push(item.id);
    });
    if (replied.length === 0) return;
    const before = undo.undoStack.length;
    undo.undoStack = undo.undoStack.filter((step) => !replied.some((id) => Y.isDeleted(step.insertions, id)));
    if (undo.undoStack.length !== before) undo.emit('stack-cleared', [{ undoStackCleared: false, redoStackCleared: false }]);
  };
  doc.on('afterTransaction', guard);
  const destroy = undo.destroy.bind(undo);
  undo.destroy = () => {
    doc.off('afterTransaction', guard);
    destroy();
  };
  return undo;
}
