// What the state classes are built from. main.ts chooses the real providers (IndexedDB, WebRTC,
// awareness, a parse worker) and hands them in; unit tests hand in memory ones
// (tests/unit/helpers/memory-providers.ts). Types only: nothing here touches a provider.

import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { KeyValueStorage } from '../sync/library-storage.ts';
import type { LocalStoreError } from '../sync/local-store.ts';
import type { PeerPresence, PresenceState } from '../sync/presence.ts';
import type { RoomOptions, RoomStatus } from '../sync/room.ts';
import type { OfficeStatus } from '../sync/office-status.ts';
import type { ParseJob, ParseProgress } from '../worker/parse-client.ts';
import type { RunChecks } from '../worker/checks-client.ts';

export type { KeyValueStorage, LocalStoreError, OfficeStatus, PeerPresence, PresenceState, RoomOptions, RoomStatus, ParseJob, ParseProgress };

type Listener<A extends unknown[]> = (...args: A) => void;

/** Keeps one review doc on this device. Changes it applies carry the store itself as their origin. */
export interface ReviewStore {
  readonly whenSynced: Promise<void>;
  /** True while some changes are not yet on disk. */
  readonly unsaved: boolean;
  on(event: 'saved', listener: Listener<[unknown]>): void;
  on(event: 'error', listener: Listener<[LocalStoreError]>): void;
  off(event: 'saved', listener: Listener<[unknown]>): void;
  off(event: 'error', listener: Listener<[LocalStoreError]>): void;
  /** Resolves once everything changed so far is on disk (or failed). */
  flush(): Promise<void>;
  /** Stops saving; pending changes are written first. */
  destroy(): Promise<void>;
}

/** The WebRTC room of one review doc. */
export interface RoomProvider {
  readonly status: RoomStatus;
  readonly awareness: Awareness;
  on(event: 'status', listener: Listener<[RoomStatus]>): void;
  off(event: 'status', listener: Listener<[RoomStatus]>): void;
  destroy(): void;
}

/** Presence (who is here, where, what they select) over a room's awareness. */
export interface PresenceProvider {
  readonly local: PresenceState;
  /** The peers present now (valid states only). */
  readonly peers: PeerPresence[];
  /** Peers whose presence was malformed and ignored. */
  readonly invalidCount: number;
  update(patch: Partial<PresenceState>): void;
  on(event: 'change', listener: Listener<[PeerPresence[]]>): void;
  off(event: 'change', listener: Listener<[PeerPresence[]]>): void;
  destroy(): void;
}

export type ParseFile = (input: Blob | ArrayBuffer, name: string, onProgress?: (p: ParseProgress) => void) => ParseJob;

export interface Providers {
  /** Opens the local store of a review and starts loading it into `doc`. */
  openStore(issueId: string, doc: Y.Doc): ReviewStore;
  /** Deletes the saved review of an issue from this device (its open store is destroyed first). */
  deleteStore(issueId: string): Promise<void>;
  /** Asks the browser not to evict saved reviews under storage pressure. */
  requestPersistence(): Promise<'persisted' | 'denied' | 'unsupported'>;
  openRoom(doc: Y.Doc, options: RoomOptions): RoomProvider;
  presence(awareness: Awareness, local: PresenceState): PresenceProvider;
  /** Where opened issues are kept. */
  libraryStorage: KeyValueStorage;
  /** Parses a file off the main thread. */
  parse: ParseFile;
  /** The bundled sample issue's bytes. */
  fetchSample(): Promise<Blob>;
  /** Runs the automatic checks over a proof, off the main thread. */
  runChecks: RunChecks;
}
