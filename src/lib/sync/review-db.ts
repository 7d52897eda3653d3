// The IndexedDB side of a review (one database per issue): its name and layout, a closable
// connection, reading and merging stored entries, deleting it, asking to keep it.
// local-store.ts keeps a live Y.Doc in it.

import { type UseStore } from 'idb-keyval';
import * as Y from 'yjs';

const STORE_NAME = 'review';
export const SNAPSHOT_KEY = 'snapshot';
export const UPDATE_PREFIX = 'u:';

export const databaseName = (issueId: string): string => `proofroom-review:${issueId}`;

/**
 * An idb-keyval store over its own connection, like idb-keyval's createStore, but one that can be
 * closed and that steps aside when the database is deleted or upgraded elsewhere.
 */
export function openReviewStore(issueId: string): UseStore & { close(): void } {
  let dbp: Promise<IDBDatabase> | undefined;
  const getDB = (): Promise<IDBDatabase> =>
    (dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName(issueId));
      request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        db.onclose = () => (dbp = undefined);
        resolve(db);
      };
      request.onerror = () => {
        dbp = undefined;
        reject(request.error);
      };
    }));
  const use = ((mode, callback) =>
    getDB().then((db) => callback(db.transaction(STORE_NAME, mode).objectStore(STORE_NAME)))) as UseStore & { close(): void };
  use.close = () => {
    dbp?.then((db) => db.close(), () => undefined);
    dbp = undefined;
  };
  return use;
}

/**
 * The updates in one stored entry: a Yjs update, or a batch of them written as they came (merging
 * a batch with Y.mergeUpdates cost more than the write itself); null when it is neither.
 */
export function entryUpdates(value: unknown): Uint8Array[] | null {
  if (value instanceof Uint8Array) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((u) => u instanceof Uint8Array)) return value as Uint8Array[];
  return null;
}

/**
 * Merge stored entries into one update, dropping deleted content. Runs inside an IDB transaction,
 * so it stays synchronous. Returns which entries went in; unreadable ones are left where they are.
 */
export function mergeStored(values: unknown[]): { merged: Uint8Array; used: boolean[] } {
  const scratch = new Y.Doc();
  const used = values.map((v) => {
    const updates = entryUpdates(v);
    if (!updates) return false;
    try {
      for (const u of updates) Y.applyUpdate(scratch, u);
      return true;
    } catch {
      return false;
    }
  });
  const merged = Y.encodeStateAsUpdate(scratch);
  scratch.destroy();
  return { merged, used };
}

/** Remove an issue's saved review from this browser (open stores of it close their connection first). */
export function deleteLocalReview(issueId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(databaseName(issueId));
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** Ask the browser not to evict our data under storage pressure. */
export async function requestPersistentStorage(): Promise<'persisted' | 'denied' | 'unsupported'> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
