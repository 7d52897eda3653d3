// Test-only page script for sync-transport.spec.ts: the spec bundles it with Vite (the app's own
// config, so y-webrtc gets ChunkedPeer through the same alias) and injects it with addScriptTag.
// It is not an entry of the app build.
import * as Y from 'yjs';
import { Room, type RoomStatus } from '../../src/lib/sync/room.ts';

let doc = new Y.Doc();
let room: Room | null = null;

/** Deterministic filler: ~`textChars` CJK characters of text plus `notes` map entries. */
function fill(textChars: number, notes: number): number {
  let x = 0x9e3779b9;
  const rand = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const chars: string[] = [];
  for (let i = 0; i < textChars; i++) chars.push(String.fromCharCode(0x4e00 + (rand() % 0x5000)));
  doc.transact(() => {
    doc.getText('issue').insert(0, chars.join(''));
    const map = doc.getMap<Record<string, unknown>>('notes');
    for (let i = 0; i < notes; i++) {
      map.set(`note-${i}`, { blockId: `b${rand() % 4000}`, start: rand() % 200, body: `批注 ${i} ${rand().toString(36)}` });
    }
  });
  return Y.encodeStateAsUpdate(doc).length;
}

async function digest(): Promise<{ sha256: string; textLength: number; notes: number }> {
  const text = doc.getText('issue').toString();
  const notes = doc.getMap('notes').toJSON();
  const entries = Object.keys(notes).sort().map((key) => [key, notes[key]]);
  const bytes = new TextEncoder().encode(text + JSON.stringify(entries));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return {
    sha256: [...hash].map((b) => b.toString(16).padStart(2, '0')).join(''),
    textLength: text.length,
    notes: Object.keys(notes).length,
  };
}

function join(roomName: string, password: string | null, signaling: string): void {
  room = new Room(doc, { roomName, password, signaling: [signaling], iceServers: [] });
}

function status(): RoomStatus & { webrtc: number; broadcast: number; synced: boolean } {
  if (!room) return { state: 'offline', peers: 0, webrtc: 0, broadcast: 0, synced: false };
  const peers = room.peers;
  return { ...room.status, webrtc: peers.webrtc.length, broadcast: peers.broadcast.length, synced: room.synced };
}

async function whenSynced(): Promise<void> {
  await room?.whenSynced;
}

/** Sets `mark` in this peer's awareness state: a small message, sent to each peer after everything sent before. */
function mark(value: number): void {
  room?.awareness.setLocalStateField('mark', value);
}

/** Resolves once another peer's awareness state, as received here, carries `mark` = `value`. */
function whenMarked(value: number): Promise<void> {
  const awareness = room!.awareness;
  return new Promise((resolve) => {
    const check = (): void => {
      for (const [client, state] of awareness.getStates()) {
        if (client === awareness.clientID || (state as { mark?: unknown }).mark !== value) continue;
        awareness.off('change', check);
        resolve();
        return;
      }
    };
    awareness.on('change', check);
    check();
  });
}

function leave(): void {
  room?.destroy();
  room = null;
  doc.destroy();
  doc = new Y.Doc();
}

(globalThis as Record<string, unknown>).syncHarness = { fill, digest, join, status, whenSynced, mark, whenMarked, leave };
