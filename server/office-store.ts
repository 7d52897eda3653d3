// The office's SQLite persistence: @hocuspocus/extension-sqlite with a store that can be shared by
// several instances on one host (one data dir). Each store merges the instance's state into what the
// file holds, in one IMMEDIATE transaction, so an instance never overwrites with its own copy notes that
// another instance stored and it has not seen yet; WAL and a busy timeout let the processes take turns.
// The extension's own store neither waits for the write nor merges; this one does both, so a clean
// stop (every room stored, then the file closed) loses nothing.
import { SQLite, selectQuery, upsertQuery } from '@hocuspocus/extension-sqlite';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';

export interface OfficeStore {
  extension: SQLite;
  /** Makes the extension's connection wait for other processes; call once the extension is configured. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`;

/**
 * Creates the file and its table, in WAL mode, on a connection of its own that waits for other processes:
 * done before the extension opens it, whose own schema statement has no error handler (an instance
 * starting beside another on a fresh file would otherwise crash on SQLITE_BUSY).
 */
export async function prepareOfficeDatabase(database: string): Promise<void> {
  const handle = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(database, (e) => (e ? reject(e) : resolve(d)));
  });
  const exec = (sql: string): Promise<void> => new Promise((resolve, reject) => handle.exec(sql, (e) => (e ? reject(e) : resolve())));
  try {
    await exec('PRAGMA busy_timeout = 10000');
    await exec('PRAGMA journal_mode = WAL');
    await exec(SCHEMA);
  } finally {
    await new Promise<void>((resolve) => handle.close(() => resolve()));
  }
}

export function createOfficeStore(database: string, onError: (error: Error) => void): OfficeStore {
  let chain: Promise<unknown> = Promise.resolve();
  /** One store at a time on this connection: a transaction must not interleave with another. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.then(task, task);
    chain = next.catch(() => {});
    return next;
  };
  const db = (): sqlite3.Database => {
    if (!extension.db) throw new Error('database closed');
    return extension.db;
  };
  const run = (sql: string, params: object = {}): Promise<void> =>
    new Promise((resolve, reject) => db().run(sql, params, (e: Error | null) => (e ? reject(e) : resolve())));
  const get = (sql: string, params: object): Promise<{ data?: Uint8Array } | undefined> =>
    new Promise((resolve, reject) => db().get(sql, params, (e: Error | null, row: unknown) => (e ? reject(e) : resolve(row as { data?: Uint8Array }))));

  async function storeMerged(name: string, state: Uint8Array): Promise<void> {
    await run('BEGIN IMMEDIATE');
    try {
      const row = await get(selectQuery, { $name: name });
      const data = row?.data ? Y.mergeUpdates([new Uint8Array(row.data), state]) : state;
      await run(upsertQuery, { $name: name, $data: Buffer.from(data) });
      await run('COMMIT');
    } catch (e) {
      await run('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  const extension: SQLite = new SQLite({
    database,
    store: ({ documentName, state }) => exclusive(() => storeMerged(documentName, state)),
  });

  return {
    extension,
    async ready() {
      // The extension opens the file in its onConfigure hook, which Hocuspocus runs a tick after construction.
      for (let i = 0; i < 100 && !extension.db; i++) await new Promise((r) => setImmediate(r));
      db().on('error', onError);
      await run('PRAGMA busy_timeout = 10000');
    },
    async close() {
      await chain;
      const handle = extension.db;
      extension.db = undefined;
      if (handle) await new Promise<void>((resolve) => handle.close(() => resolve()));
    },
  };
}
