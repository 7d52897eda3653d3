// Keeps a review doc in IndexedDB (idb-keyval), one database per issue (review-db.ts): a compacted
// snapshot plus appended updates; tabs of the same issue stay in step through a TabChannel.

import { promisifyRequest, set, type UseStore } from 'idb-keyval';
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import { SNAPSHOT_KEY, UPDATE_PREFIX, databaseName, entryUpdates, mergeStored, openReviewStore } from './review-db.ts';
import { TabChannel } from './tab-channel.ts';

export type LocalStoreErrorKind =
  | 'quota' // the disk or the origin's quota is full: recent changes are not saved
  | 'unavailable' // IndexedDB cannot be opened (private mode, blocked): nothing is saved
  | 'write' // a write failed for another reason
  | 'corrupt'; // stored data could not be read; the rest was loaded

export interface LocalStoreError {
  kind: LocalStoreErrorKind;
  message: string;
  cause: unknown;
}

export interface LocalStoreEvents {
  synced: (store: LocalStore) => void;
  /** Everything changed so far is on disk. */
  saved: (store: LocalStore) => void;
  error: (error: LocalStoreError) => void;
}

export interface LocalStoreOptions {
  /** The idb-keyval store to use (tests inject one); default: a database per issue. */
  store?: UseStore;
  /** Keep tabs of the same issue in step (default: true where BroadcastChannel exists). */
  broadcast?: boolean;
  /** Compact when this many appended updates have piled up (default 300). */
  compactAfter?: number;
  /** Delay before appending a burst of own updates, in ms; 0 (default) batches one task's updates. */
  batchDelay?: number;
  /**
   * Delay before appending updates that came from elsewhere (peers, a package), in ms (default 250).
   * Peers keep them too, so a tab that crashes within it loses nothing they cannot send again;
   * a storm of colleagues' notes becomes a few writes instead of one per note.
   */
  remoteBatchDelay?: number;
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export class LocalStore extends ObservableV2<LocalStoreEvents> {
  readonly doc: Y.Doc;
  readonly issueId: string;
  readonly whenSynced: Promise<void>;
  synced = false;
  /** The last error emitted, for views that subscribe late. */
  lastError: LocalStoreError | null = null;

  readonly #store: UseStore;
  readonly #ownStore: (UseStore & { close(): void }) | null = null;
  readonly #tab = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  readonly #compactAfter: number;
  readonly #batchDelay: number;
  readonly #remoteBatchDelay: number;
  #channel: TabChannel | null = null;
  #queue: Uint8Array[] = [];
  #scheduled: ReturnType<typeof setTimeout> | true | null = null;
  #scheduledDelay = 0;
  #writing: Promise<void> = Promise.resolve();
  #seq = 0;
  #stored = 0;
  #destroyed = false;
  #unavailable = false;

  constructor(issueId: string, doc: Y.Doc, options: LocalStoreOptions = {}) {
    super();
    this.doc = doc;
    this.issueId = issueId;
    if (options.store) this.#store = options.store;
    else this.#store = this.#ownStore = openReviewStore(issueId);
    this.#compactAfter = options.compactAfter ?? 300;
    this.#batchDelay = options.batchDelay ?? 0;
    this.#remoteBatchDelay = options.remoteBatchDelay ?? 250;
    // What the doc already holds (e.g. an issue set before the store was attached) is saved too.
    if (doc.store.clients.size > 0) this.#enqueue(Y.encodeStateAsUpdate(doc));
    doc.on('update', this.#onUpdate);
    doc.on('destroy', this.#onDocDestroy);
    if (options.broadcast ?? true) this.#channel = new TabChannel(databaseName(issueId), doc, this);
    this.whenSynced = this.#load();
  }

  /** True while some changes are not yet on disk. */
  get unsaved(): boolean {
    return this.#queue.length > 0 || this.#scheduled !== null;
  }

  async #load(): Promise<void> {
    let keys: IDBValidKey[] = [];
    let values: unknown[] = [];
    try {
      [keys, values] = await this.#store('readonly', (os) =>
        Promise.all([promisifyRequest(os.getAllKeys()), promisifyRequest(os.getAll())]),
      );
    } catch (e) {
      this.#unavailable = true;
      this.#queue = [];
      this.#fail('unavailable', 'IndexedDB could not be opened; changes will not be kept on this device', e);
    }
    if (this.#destroyed) return;
    const entries = values.map(entryUpdates);
    const updates = entries.flatMap((e) => e ?? []);
    this.#stored = keys.filter((k) => typeof k === 'string' && k.startsWith(UPDATE_PREFIX)).length;
    let unreadable = entries.filter((e) => e === null).length;
    // Off while loading: an update listener makes Yjs re-encode everything just read, for nothing.
    this.doc.off('update', this.#onUpdate);
    try {
      this.doc.transact(() => {
        for (const u of updates) {
          try {
            Y.applyUpdate(this.doc, u, this);
          } catch {
            unreadable++;
          }
        }
      }, this);
    } finally {
      if (!this.#destroyed) this.doc.on('update', this.#onUpdate);
    }
    if (unreadable > 0) this.#fail('corrupt', `${unreadable} saved entries could not be read`, null);
    this.synced = true;
    globalThis.performance?.mark?.('proofroom:review-loaded', { detail: { updates: updates.length } });
    this.#channel?.announce();
    this.emit('synced', [this]);
    if (this.#stored >= this.#compactAfter) void this.compact();
  }

  #onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (origin === this) return;
    this.#enqueue(update, transaction.local ? this.#batchDelay : this.#remoteBatchDelay);
    this.#channel?.send(update);
  };

  #onDocDestroy = (): void => {
    void this.destroy();
  };

  #fail(kind: LocalStoreErrorKind, message: string, cause: unknown): void {
    if (isQuotaError(cause)) {
      kind = 'quota';
      message = 'the disk is full: recent changes are not saved on this device';
    }
    const error: LocalStoreError = { kind, message: cause ? `${message} (${describeError(cause)})` : message, cause };
    this.lastError = error;
    this.emit('error', [error]);
  }

  #enqueue(update: Uint8Array, delay: number = this.#batchDelay): void {
    this.#queue.push(update);
    // A pending write sooner than this one's wish covers it; a later one (a remote batch waiting
    // when an own change arrives) is brought forward.
    if (this.#scheduled === true) return;
    if (this.#scheduled !== null) {
      if (delay >= this.#scheduledDelay) return;
      clearTimeout(this.#scheduled);
    }
    this.#scheduledDelay = delay;
    if (delay > 0) {
      this.#scheduled = setTimeout(() => void this.#write(), delay);
    } else {
      this.#scheduled = true;
      queueMicrotask(() => void this.#write());
    }
  }

  #write(): Promise<void> {
    if (this.#scheduled !== null && this.#scheduled !== true) clearTimeout(this.#scheduled);
    this.#scheduled = null;
    if (this.#unavailable) this.#queue = [];
    if (this.#queue.length === 0) return this.#writing;
    const batch = this.#queue;
    this.#queue = [];
    const entry = batch.length === 1 ? batch[0]! : batch;
    const key = `${UPDATE_PREFIX}${this.#tab}:${(this.#seq++).toString(36).padStart(6, '0')}`;
    this.#writing = this.#writing.then(async () => {
      try {
        await set(key, entry, this.#store);
        this.#stored++;
        if (this.#queue.length === 0) this.emit('saved', [this]);
      } catch (e) {
        // Keep it for the next attempt; nothing is lost while the tab is open.
        this.#queue.unshift(...batch);
        this.#fail('write', 'saving to IndexedDB failed', e);
        return;
      }
      if (this.#stored >= this.#compactAfter && this.synced) await this.#compactNow();
    });
    return this.#writing;
  }

  /** Write everything pending now (call on `pagehide`); resolves when it is on disk or has failed. */
  flush(): Promise<void> {
    return this.#write();
  }

  /** Fold the snapshot and every appended update (from any tab) into one snapshot, atomically. */
  compact(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#compactNow());
    return this.#writing;
  }

  async #compactNow(): Promise<void> {
    try {
      await this.#store('readwrite', (os) => {
        const keys = os.getAllKeys();
        const values = os.getAll();
        values.onsuccess = () => {
          const { merged, used } = mergeStored(values.result as unknown[]);
          os.put(merged, SNAPSHOT_KEY);
          keys.result.forEach((k, i) => used[i] && k !== SNAPSHOT_KEY && os.delete(k));
        };
        return promisifyRequest(os.transaction);
      });
      this.#stored = 0;
    } catch (e) {
      this.#fail('write', 'compacting the saved review failed', e);
    }
  }

  /** Stop saving and listening; pending changes are written first. */
  override async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.doc.off('update', this.#onUpdate);
    this.doc.off('destroy', this.#onDocDestroy);
    this.#channel?.destroy();
    this.#channel = null;
    await this.#write();
    this.#ownStore?.close();
    super.destroy();
  }
}
