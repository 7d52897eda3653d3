// Test hooks, built only in the e2e mode (`vite build --mode e2e`; main.ts calls installTestHooks
// behind a MODE check that production builds drop, and scripts/check-bundle.ts proves it). The
// end-to-end tests and benchmarks reach the app's state through `window.__proofroomApp`, and act as
// another peer (malformed entries, notes under another origin) or seed many notes through
// `window.__proofroom`.

import * as Y from 'yjs';
import { describeRange } from '../anchor/index.ts';
import { createNote, LOCAL_ORIGIN, type NoteDraft } from '../review/index.ts';
import type { Article } from '../issue/types.ts';
import type { Session } from '../state/session.svelte.ts';
import type { Workspace } from '../state/workspace.svelte.ts';

const PEER_ORIGIN = { name: 'proofroom-test-peer' };

export interface TestHook {
  /** Writes any value under `key` in the notes map, as a peer would. */
  writeRaw(key: string, value: unknown): void;
  /** A note by another author, applied as a remote update; returns its id. */
  peerNote(articleId: string, blockId: string, start: number, end: number, body: string): string | null;
  /** `count` notes by me on the article, in one transaction, saved before resolving. */
  seed(articleId: string, count: number): Promise<number>;
  /** `count` notes by a colleague on the article, arriving as one remote update; saved before resolving. */
  peerSeed(articleId: string, count: number): Promise<number>;
  noteCount(): number;
  /** As a peer: writes `value` under `key` inside an existing note (a damaged field). */
  damageNote(noteId: string, key: string, value: unknown): void;
  /** As a peer: empties the review's issue map (the issue text and its id). */
  removeIssue(): void;
}

/** `count` short comments spread over the article's blocks. */
function* drafts(a: Article, count: number): Generator<NoteDraft> {
  const blocks = a.blocks.filter((b) => b.text.length > 4);
  for (let i = 0; i < count; i++) {
    const b = blocks[i % blocks.length]!;
    const start = (i * 7) % (b.text.length - 4);
    const end = Math.min(b.text.length, start + 2 + (i % 9));
    const target = describeRange(a, { blockId: b.id, start, endBlockId: b.id, end });
    if (target) yield { target, kind: 'comment', category: 'other', body: `#${i}` };
  }
}

/** Puts the app's state and the test hook on `window`. */
export function installTestHooks(workspace: Workspace): void {
  const w = window as unknown as { __proofroomApp?: Workspace; __proofroom?: TestHook };
  w.__proofroomApp = workspace;
  w.__proofroom = testHook(() => workspace.desk.session);
}

function testHook(session: () => Session | null): TestHook {
  const need = (): Session => {
    const s = session();
    if (!s) throw new Error('no open review');
    return s;
  };
  const article = (s: Session, id: string) => s.issue?.articles.find((a) => a.id === id) ?? null;
  return {
    writeRaw(key, value) {
      const s = need();
      s.doc.transact(() => s.doc.getMap('notes').set(key, value), PEER_ORIGIN);
    },
    peerNote(articleId, blockId, start, end, body) {
      const s = need();
      const a = article(s, articleId);
      const target = a && describeRange(a, { blockId, start, endBlockId: blockId, end });
      if (!target) return null;
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
      const r = createNote(peer, { target, kind: 'comment', category: 'fact', body }, { id: 'peer-tester', name: '同事', colour: '#0f766e' });
      if (!r.ok) return null;
      Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(s.doc)), PEER_ORIGIN);
      peer.destroy();
      return r.id;
    },
    async seed(articleId, count) {
      const s = need();
      const a = article(s, articleId);
      if (!a) return 0;
      let made = 0;
      s.doc.transact(() => {
        for (const draft of drafts(a, count)) if (s.createNote(draft).ok) made++;
      }, LOCAL_ORIGIN);
      await s.flush();
      return made;
    },
    async peerSeed(articleId, count) {
      const s = need();
      const a = article(s, articleId);
      if (!a) return 0;
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
      let made = 0;
      const author = { id: 'peer-flood', name: '同事', colour: '#0f766e' };
      peer.transact(() => {
        for (const draft of drafts(a, count)) if (createNote(peer, draft, author).ok) made++;
      });
      Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(s.doc)), PEER_ORIGIN);
      peer.destroy();
      await s.flush();
      return made;
    },
    noteCount() {
      return need().notes.notes.length;
    },
    damageNote(noteId, key, value) {
      const s = need();
      const note = s.doc.getMap('notes').get(noteId);
      if (!(note instanceof Y.Map)) throw new Error(`no note ${noteId}`);
      s.doc.transact(() => note.set(key, value), PEER_ORIGIN);
    },
    removeIssue() {
      const s = need();
      const issue = s.doc.getMap('issue');
      s.doc.transact(() => issue.forEach((_, k) => issue.delete(k)), PEER_ORIGIN);
    },
  };
}
