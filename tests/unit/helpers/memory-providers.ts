// In-memory providers for the state classes (src/lib/state/providers.ts): a "disk" of review
// updates that outlives the stores opened on it, a network where rooms of the same name exchange
// updates and awareness directly, a Map for the library, and the real parser run synchronously.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObservableV2 } from 'lib0/observable';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { loadIssue } from '../../../src/lib/issue/load.ts';
import type { ParseJob } from '../../../src/lib/worker/parse-client.ts';
import type { KeyValueStorage, LocalStoreError, Providers, ReviewStore, RoomOptions, RoomProvider, RoomStatus } from '../../../src/lib/state/providers.ts';
import { Presence } from '../../../src/lib/sync/presence.ts';
import { CHECKS, runChecks } from '../../../src/lib/checks/registry.ts';

// A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs refuses.
const here = dirname(fileURLToPath(import.meta.url));
export const SAMPLE_BYTES = new Uint8Array(readFileSync(resolve(here, '../../../static/sample-issue.txt')));

/** Saved reviews by issue id: each a list of updates, as a store wrote them. */
export class MemoryDisk {
  readonly reviews = new Map<string, Uint8Array[]>();
  /** Fails every write after this many (a full disk), when set. */
  failWritesAfter: number | null = null;
  writes = 0;
}

type StoreEvents = { saved: (store: unknown) => void; error: (e: LocalStoreError) => void };

export class MemoryStore extends ObservableV2<StoreEvents> implements ReviewStore {
  readonly whenSynced: Promise<void>;
  #pending: Uint8Array[] = [];
  #destroyed = false;

  constructor(
    readonly disk: MemoryDisk,
    readonly issueId: string,
    readonly doc: Y.Doc,
  ) {
    super();
    doc.on('update', this.#onUpdate);
    this.whenSynced = Promise.resolve().then(() => {
      const saved = disk.reviews.get(issueId) ?? [];
      doc.transact(() => saved.forEach((u) => Y.applyUpdate(doc, u, this)), this);
    });
  }

  get unsaved(): boolean {
    return this.#pending.length > 0;
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.#destroyed) return;
    this.#pending.push(update);
    queueMicrotask(() => void this.flush());
  };

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending.splice(0);
    const disk = this.disk;
    if (disk.failWritesAfter !== null && disk.writes >= disk.failWritesAfter) {
      this.#pending.unshift(...batch);
      this.emit('error', [{ kind: 'quota', message: 'the disk is full', cause: null }]);
      return;
    }
    disk.writes++;
    const list = disk.reviews.get(this.issueId) ?? [];
    list.push(...batch);
    disk.reviews.set(this.issueId, list);
    this.emit('saved', [this]);
  }

  override async destroy(): Promise<void> {
    if (this.#destroyed) return;
    await this.flush();
    this.#destroyed = true;
    this.doc.off('update', this.#onUpdate);
    super.destroy();
  }
}

type RoomEvents = { status: (s: RoomStatus) => void };

/** Rooms by name; every member gets every other member's doc updates and awareness at once. */
export class MemoryNetwork {
  readonly rooms = new Map<string, Set<MemoryRoom>>();
  /** Options each room was opened with, newest last. */
  readonly opened: RoomOptions[] = [];
}

const NETWORK_ORIGIN = { name: 'memory-network' };

export class MemoryRoom extends ObservableV2<RoomEvents> implements RoomProvider {
  readonly awareness: awarenessProtocol.Awareness;
  #status: RoomStatus = { state: 'connecting', peers: 0 };

  constructor(
    readonly network: MemoryNetwork,
    readonly doc: Y.Doc,
    readonly options: RoomOptions,
  ) {
    super();
    this.awareness = new awarenessProtocol.Awareness(doc);
    network.opened.push(options);
    const members = network.rooms.get(options.roomName) ?? new Set<MemoryRoom>();
    network.rooms.set(options.roomName, members);
    for (const other of members) {
      // First sync both ways, then live updates.
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other.doc), NETWORK_ORIGIN);
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc), NETWORK_ORIGIN);
    }
    members.add(this);
    doc.on('update', this.#onUpdate);
    this.awareness.on('update', this.#onAwareness);
    for (const m of members) m.#refresh();
  }

  get status(): RoomStatus {
    return this.#status;
  }

  #members(): MemoryRoom[] {
    return [...(this.network.rooms.get(this.options.roomName) ?? [])].filter((m) => m !== this);
  }

  #refresh(): void {
    const peers = this.#members().length;
    this.#status = { state: peers > 0 ? 'connected' : 'connecting', peers };
    this.emit('status', [this.#status]);
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === NETWORK_ORIGIN) return;
    for (const m of this.#members()) Y.applyUpdate(m.doc, update, NETWORK_ORIGIN);
  };

  #onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === NETWORK_ORIGIN) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    for (const m of this.#members()) awarenessProtocol.applyAwarenessUpdate(m.awareness, update, NETWORK_ORIGIN);
  };

  override destroy(): void {
    this.doc.off('update', this.#onUpdate);
    this.awareness.off('update', this.#onAwareness);
    this.network.rooms.get(this.options.roomName)?.delete(this);
    for (const m of this.#members()) m.#refresh();
    this.awareness.destroy();
    super.destroy();
  }
}

export function memoryStorage(): KeyValueStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    map,
    keys: async () => [...map.keys()],
    get: async <T>(key: string) => clone(map.get(key)) as T | undefined,
    getMany: async <T>(keys: string[]) => keys.map((k) => clone(map.get(k)) as T | undefined),
    setMany: async (entries) => entries.forEach(([k, v]) => map.set(k, clone(v))),
    delMany: async (keys) => keys.forEach((k) => map.delete(k)),
  };
}

/** The real parser, run in this thread, behind the ParseJob interface. */
export function syncParse(input: Blob | ArrayBuffer, name: string): ParseJob {
  const promise = (async () => {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(await input.arrayBuffer());
    return loadIssue(bytes, name);
  })();
  return { promise, cancel: () => undefined, finished: promise.then(() => undefined, () => undefined) } as ParseJob;
}

export type MemoryDevice = Providers & { stores: MemoryStore[]; disk: MemoryDisk; libraryStorage: ReturnType<typeof memoryStorage> };

export interface MemoryWorld {
  network: MemoryNetwork;
  /** One device's providers: its own disk and library, the shared network. */
  device(): MemoryDevice;
}

/** Devices that share nothing but the network. */
export function memoryWorld(): MemoryWorld {
  const network = new MemoryNetwork();
  return {
    network,
    device() {
      const ownDisk = new MemoryDisk();
      const stores: MemoryStore[] = [];
      return {
        stores,
        openStore: (issueId, doc) => {
          const store = new MemoryStore(ownDisk, issueId, doc);
          stores.push(store);
          return store;
        },
        deleteStore: async (issueId) => void ownDisk.reviews.delete(issueId),
        requestPersistence: async () => 'persisted',
        openRoom: (doc, options) => new MemoryRoom(network, doc, options),
        presence: (awareness, local) => new Presence(awareness, local),
        libraryStorage: memoryStorage(),
        parse: syncParse,
        fetchSample: async () => new Blob([SAMPLE_BYTES]),
        // The checks in this thread, answered after the caller's turn, as a worker would.
        runChecks: async (issue, options) => ({ findings: runChecks(issue, options), checks: CHECKS.map((c) => ({ id: c.id, label: c.label })) }),
        disk: ownDisk,
      };
    },
  };
}
