// The library's storage: one IndexedDB database through idb-keyval (default 'proofroom-library',
// object store 'issues'). Several values written together go in one transaction.
import { createStore, delMany, get, getMany, keys, setMany } from 'idb-keyval';

/** A small key-value store of structured-cloneable values. */
export interface KeyValueStorage {
  keys(): Promise<string[]>;
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  /** All written together, or none. */
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
}

export function idbLibraryStorage(dbName = 'proofroom-library'): KeyValueStorage {
  const store = createStore(dbName, 'issues');
  return {
    keys: async () => (await keys(store)).filter((k): k is string => typeof k === 'string'),
    get: (key) => get(key, store),
    getMany: (list) => getMany(list, store),
    setMany: (entries) => setMany(entries, store),
    delMany: (list) => delMany(list, store),
  };
}
