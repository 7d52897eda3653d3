// One acceptance suite for the IndexedDB store (fake-indexeddb): reload, compaction, two tabs,
// teardown, and a full disk reported instead of swallowed.
import 'fake-indexeddb/auto';
import { createStore, keys, set, type UseStore } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createNote, readNotes, type Author } from '../../src/lib/review/index.ts';
import { LocalStore, type LocalStoreError } from '../../src/lib/sync/local-store.ts';
import { databaseName, deleteLocalReview, requestPersistentStorage } from '../../src/lib/sync/review-db.ts';

const me: Author = { id: 'u1', name: '王敏', colour: '#aa0000' };
let issueCount = 0;
const originalPost = BroadcastChannel.prototype.postMessage;
const freshIssue = () => `issue-${++issueCount}-${Date.now()}`;
const opened: LocalStore[] = [];

function open(issueId: string, doc = new Y.Doc(), options = {}): LocalStore {
  const store = new LocalStore(issueId, doc, options);
  opened.push(store);
  return store;
}

function note(doc: Y.Doc, body: string): void {
  const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 1, quote: '坚', prefix: '', suffix: '持' };
  const r = createNote(doc, { target, kind: 'comment', category: 'other', body }, me);
  if (!r.ok) throw new Error('fixture note refused');
}

const bodies = (doc: Y.Doc): string[] => readNotes(doc).notes.map((n) => n.body).sort();

/** Resolves once `check` holds, re-checking on every change of `doc`. */
function until(doc: Y.Doc, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const onUpdate = () => {
      if (!check()) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

async function reload(issueId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const store = open(issueId, doc, { broadcast: false });
  await store.whenSynced;
  await store.destroy();
  return doc;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.destroy()));
});

describe('LocalStore', () => {
  it('saves notes and loads them into a new doc after a reload', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc);
    await store.whenSynced;
    expect(store.synced).toBe(true);
    note(doc, '第一条');
    note(doc, '第二条');
    expect(store.unsaved).toBe(true);
    await store.flush();
    expect(store.unsaved).toBe(false);
    await store.destroy();
    expect(bodies(await reload(issue))).toEqual(['第一条', '第二条']);
  });

  it('saves a note written just before the tab closes once flush is awaited', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc, { batchDelay: 50 });
    await store.whenSynced;
    note(doc, 'last words');
    await store.flush();
    expect(bodies(await reload(issue))).toEqual(['last words']);
  });

  it('keeps what the doc held before the store was attached', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    note(doc, 'before');
    const store = open(issue, doc);
    await store.whenSynced;
    await store.flush();
    expect(bodies(await reload(issue))).toEqual(['before']);
  });

  it('compacts many appended updates into one snapshot and keeps everything', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc, { compactAfter: 20 });
    await store.whenSynced;
    for (let i = 0; i < 95; i++) {
      note(doc, `n${i}`);
      await store.flush();
    }
    const raw = createStore(databaseName(issue), 'review');
    const stored = await keys(raw);
    expect(stored).toContain('snapshot');
    expect(stored.length).toBeLessThan(21);
    await store.compact();
    expect(await keys(raw)).toEqual(['snapshot']);
    const again = await reload(issue);
    expect(bodies(again)).toHaveLength(95);
    expect(readNotes(again)).toEqual(readNotes(doc));
  });

  it('keeps two tabs of the same issue in step and never loses either tab’s notes', async () => {
    const issue = freshIssue();
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = open(issue, docA, { compactAfter: 10 });
    const b = open(issue, docB, { compactAfter: 10 });
    await Promise.all([a.whenSynced, b.whenSynced]);
    note(docA, 'from A');
    await until(docB, () => bodies(docB).includes('from A'));
    note(docB, 'from B');
    await until(docA, () => bodies(docA).includes('from B'));
    for (let i = 0; i < 30; i++) {
      note(i % 2 ? docA : docB, `burst ${i}`);
      if (i % 3 === 0) await Promise.all([a.flush(), b.flush()]);
    }
    await until(docA, () => bodies(docA).length === 32);
    await until(docB, () => bodies(docB).length === 32);
    await Promise.all([a.flush(), b.flush(), a.compact(), b.compact()]);
    expect(bodies(docA)).toEqual(bodies(docB));
    expect(bodies(await reload(issue))).toEqual(bodies(docA));
  });

  it('brings a tab that opens later up to date with changes another tab has not saved yet', async () => {
    const issue = freshIssue();
    const docA = new Y.Doc();
    const a = open(issue, docA, { batchDelay: 60_000 });
    await a.whenSynced;
    note(docA, 'unsaved in A');
    const docB = new Y.Doc();
    const b = open(issue, docB);
    await b.whenSynced;
    await until(docB, () => bodies(docB).includes('unsaved in A'));
    expect(a.unsaved).toBe(true);
  });

  it('a tab alone posts nothing; two tabs that each wrote alone meet and exchange everything', async () => {
    const issue = freshIssue();
    /** Every post, in order, with the channel (one per tab) that made it. */
    const posted: Array<{ channel: BroadcastChannel; type: unknown }> = [];
    const spy = vi.spyOn(BroadcastChannel.prototype, 'postMessage').mockImplementation(function (this: BroadcastChannel, m: unknown) {
      posted.push({ channel: this, type: (m as { type?: unknown }).type });
      Reflect.apply(originalPost, this, [m]);
    });
    try {
      const docA = new Y.Doc();
      const a = open(issue, docA, { batchDelay: 60_000 });
      await a.whenSynced;
      expect(posted.map((p) => p.type)).toEqual(['state']); // A asked who is there; nobody is
      const channelA = posted[0]!.channel;
      for (let i = 0; i < 5; i++) note(docA, `alone ${i}`);
      // B opens with a note of its own made before it met A (loaded from nowhere: just written).
      const docB = new Y.Doc();
      note(docB, 'B before meeting');
      const b = open(issue, docB, { batchDelay: 60_000 });
      await b.whenSynced;
      await until(docB, () => bodies(docB).length === 6);
      await until(docA, () => bodies(docA).length === 6);
      expect(bodies(docA)).toEqual(bodies(docB));
      // Nobody to tell: between its own question and its answer to B, A posted nothing.
      expect(posted.filter((p) => p.channel === channelA).map((p) => p.type).slice(0, 2)).toEqual(['state', 'here']);
      // Now that they know each other, a new note is posted at once.
      posted.length = 0;
      note(docA, 'after meeting');
      await until(docB, () => bodies(docB).includes('after meeting'));
      expect(posted.some((p) => p.channel === channelA && p.type === 'update')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('writes own changes at once and colleagues’ changes in a batch, and flush writes them too', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc, { broadcast: false, remoteBatchDelay: 60_000 });
    await store.whenSynced;
    const peer = new Y.Doc();
    note(peer, 'from a colleague');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'peer'); // as y-webrtc applies it: not local
    // A reload reads through another connection, after any write the update could have started at once.
    expect(bodies(await reload(issue))).toEqual([]);
    expect(store.unsaved).toBe(true);
    note(doc, 'mine'); // an own change brings the pending batch forward
    expect(bodies(await reload(issue))).toEqual(['from a colleague', 'mine']);
    expect(store.unsaved).toBe(false);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'peer');
    const later = new Y.Doc();
    note(later, 'second colleague');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(later), 'peer');
    expect(store.unsaved).toBe(true);
    await store.flush(); // pagehide
    expect(bodies(await reload(issue))).toEqual(['from a colleague', 'mine', 'second colleague']);
    // Batches are stored as the updates came; compaction folds them like any other entry.
    expect((await keys(createStore(databaseName(issue), 'review'))).filter((k) => String(k).startsWith('u:'))).toHaveLength(2);
    await store.compact();
    expect((await keys(createStore(databaseName(issue), 'review'))).filter((k) => String(k).startsWith('u:'))).toHaveLength(0);
    expect(bodies(await reload(issue))).toEqual(['from a colleague', 'mine', 'second colleague']);
  });

  it('removes its listeners on destroy and stops saving and syncing', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const before = doc._observers.get('update')?.size ?? 0;
    const store = open(issue, doc);
    expect(doc._observers.get('update')?.size).toBe(before + 1);
    await store.whenSynced;
    note(doc, 'kept');
    await store.destroy();
    expect(doc._observers.get('update')?.size ?? 0).toBe(before);
    expect(doc._observers.get('destroy')?.size ?? 0).toBe(0);
    note(doc, 'not kept');
    const other = new Y.Doc();
    const otherStore = open(issue, other);
    await otherStore.whenSynced;
    note(other, 'from the other tab');
    await otherStore.flush();
    expect(bodies(doc)).toEqual(['kept', 'not kept']);
    expect(bodies(await reload(issue))).toEqual(['from the other tab', 'kept']);
  });

  it('is destroyed with its doc', async () => {
    const doc = new Y.Doc();
    const store = open(freshIssue(), doc);
    await store.whenSynced;
    doc.destroy();
    expect(doc._observers.get('update')?.size ?? 0).toBe(0);
  });

  it('reports a full disk as a quota error, keeps the change, and saves it once there is room', async () => {
    const issue = freshIssue();
    const real = createStore(databaseName(issue), 'review');
    let full = true;
    const quotaStore: UseStore = (mode, callback) =>
      mode === 'readwrite' && full ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : real(mode, callback);
    const doc = new Y.Doc();
    const store = open(issue, doc, { store: quotaStore });
    const errors: LocalStoreError[] = [];
    store.on('error', (e) => errors.push(e));
    await store.whenSynced;
    note(doc, 'needs room');
    await store.flush();
    expect(errors.map((e) => e.kind)).toEqual(['quota']);
    expect(store.lastError?.kind).toBe('quota');
    expect(store.unsaved).toBe(true);
    full = false;
    await store.flush();
    expect(store.unsaved).toBe(false);
    expect(bodies(await reload(issue))).toEqual(['needs room']);
  });

  it('loads what it can from a store with a corrupt entry and says so', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc);
    await store.whenSynced;
    note(doc, 'good');
    await store.destroy();
    await set('u:garbage:0', new Uint8Array([1, 2, 3, 250, 7]), createStore(databaseName(issue), 'review'));
    await set('u:garbage:1', 'not bytes', createStore(databaseName(issue), 'review'));
    const again = new Y.Doc();
    const reopened = open(issue, again);
    const errors: LocalStoreError[] = [];
    reopened.on('error', (e) => errors.push(e));
    await reopened.whenSynced;
    expect(bodies(again)).toEqual(['good']);
    expect(errors.map((e) => e.kind)).toEqual(['corrupt']);
    // Compaction still works around the bad entries and leaves them for inspection.
    note(again, 'after');
    await reopened.flush();
    await reopened.compact();
    expect((await keys(createStore(databaseName(issue), 'review'))).sort()).toEqual(['snapshot', 'u:garbage:0', 'u:garbage:1']);
    expect(bodies(await reload(issue))).toEqual(['after', 'good']);
  });

  it('deletes an issue’s saved review', async () => {
    const issue = freshIssue();
    const doc = new Y.Doc();
    const store = open(issue, doc);
    await store.whenSynced;
    note(doc, 'gone soon');
    await store.destroy();
    await deleteLocalReview(issue);
    expect(bodies(await reload(issue))).toEqual([]);
  });
});

describe('requestPersistentStorage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the browser and reports the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => false } });
    expect(await requestPersistentStorage()).toBe('persisted');
    expect(persist).toHaveBeenCalledOnce();
    vi.stubGlobal('navigator', { storage: { persist: async () => false } });
    expect(await requestPersistentStorage()).toBe('denied');
    vi.stubGlobal('navigator', {});
    expect(await requestPersistentStorage()).toBe('unsupported');
  });
});
