// A headless office client for tests and the bench: @hocuspocus/provider in Node (with `ws` as its
// WebSocket) on a review doc, and review-doc helpers that write notes as the app does.
// No test framework imports: vitest tests, Playwright specs and the bench all load it.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createNote, readNotes, setIssue } from '../../src/lib/review/index.ts';
import { notesMap } from '../../src/lib/review/doc.ts';
import type { Issue } from '../../src/lib/issue/types.ts';

export interface OfficeClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves on the first sync with the office (rejects if access is refused). */
  synced: Promise<void>;
  /** Resolves with the reason when the office refuses access. */
  refused: Promise<string>;
  /** The client socket's local port (to ask the balancer which instance it is on), or -1. */
  localPort(): number;
  destroy(): void;
}

export function officeClient(url: string, room: string, token: string, doc: Y.Doc = new Y.Doc()): OfficeClient {
  let refuse!: (reason: string) => void;
  const refused = new Promise<string>((resolve) => (refuse = resolve));
  let syncedResolve!: () => void;
  let syncedReject!: (e: Error) => void;
  const synced = new Promise<void>((resolve, reject) => {
    syncedResolve = resolve;
    syncedReject = reject;
  });
  synced.catch(() => {});
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    // Reconnect soon after an instance goes away (the default waits 1 s and doubles).
    delay: 100,
    minDelay: 50,
    maxDelay: 500,
    factor: 1.5,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room,
    token,
    document: doc,
    onSynced: ({ state }) => {
      if (state) syncedResolve();
    },
    onAuthenticationFailed: ({ reason }) => {
      refuse(reason);
      syncedReject(new Error(`refused: ${reason}`));
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    synced,
    refused,
    localPort() {
      const ws = socket.webSocket as unknown as { _socket?: { localPort?: number } } | null;
      return ws?._socket?.localPort ?? -1;
    },
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Resolves when `check(doc)` holds, tested after every change to the doc. */
export function until(doc: Y.Doc, check: (doc: Y.Doc) => boolean): Promise<void> {
  if (check(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = (): void => {
      if (!check(doc)) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** Notes the app can read (each validated: costs a pass over every note). */
export const noteCount = (doc: Y.Doc): number => readNotes(doc).notes.length;
/** Entries in the notes map, unvalidated: cheap enough to test after every update. */
export const noteEntries = (doc: Y.Doc): number => notesMap(doc).size;

/** A review doc holding `issue`, as the app makes one. */
export function reviewDoc(issue: Issue): Y.Doc {
  const doc = new Y.Doc();
  setIssue(doc, issue);
  return doc;
}

/** Writes one comment note on the first long paragraph of the issue's first article, as the app does. */
export function writeNote(doc: Y.Doc, issue: Issue, author: { id: string; name: string; colour: string }, body: string): string {
  const article = issue.articles[0]!;
  const block = article.blocks.find((b) => b.text.length > 10)!;
  const at = body.length % (block.text.length - 4);
  const target = {
    articleId: article.id, blockId: block.id, start: at, endBlockId: block.id, end: at + 2,
    quote: block.text.slice(at, at + 2), prefix: block.text.slice(Math.max(0, at - 16), at), suffix: block.text.slice(at + 2, at + 18),
  };
  const r = createNote(doc, { target, kind: 'comment', category: 'typo', body }, author);
  if (!r.ok) throw new Error(`note not written: ${r.reason}`);
  return r.id;
}
