// Garbage published into a room by someone who knows its name but not its secret (issue 7, part 4).
// The relay passes any publish on a topic to every subscriber, and y-webrtc used to throw (or reject
// unhandled) on every payload it could not decrypt: about 600 uncaught errors a peer in one attack.
// The y-webrtc patch (patches/README.md) drops them quietly. Here a plain `ws` client floods a real
// room on the real relay with every kind of junk, and a few payloads of the wrong shape under the
// right key (a broken client holding the secret); a same-origin script posts junk on the room's
// BroadcastChannel. The two people must see no error at all, stay on the relay, and keep working.
import { expect, test, type ConsoleMessage } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import { closeAll, comment, margin, openSample, person, share, status, type Person } from './collab-helpers';
import { base64, frame, randomBytes, RelayClient, roomKey, seal, sealAny } from './garbage-helpers';
import { standaloneRelay, type Standalone } from './relay-helpers';

test.describe.configure({ timeout: 120_000 });

let relay: Standalone;
test.beforeAll(async () => {
  relay = await standaloneRelay();
});
test.afterAll(async () => {
  await relay?.close();
});

/** Publishes of junk, spread over all kinds; paced at 40/s this takes about 16 s. */
const ROUNDS = 26;
const PER_SECOND = 40;

interface Seen {
  who: string;
  text: string;
}

/** Every uncaught error and console error of `p`'s page, from now on, into `into` while `armed()`. */
function recordErrors(p: Person, into: Seen[], armed: () => boolean): void {
  p.page.on('pageerror', (error) => {
    if (armed()) into.push({ who: p.name, text: `pageerror: ${error.name}: ${error.message}` });
  });
  p.page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && armed()) into.push({ who: p.name, text: `console: ${message.text()}` });
  });
}

/** Errors counted by person and message, e.g. { '李雷 pageerror: InvalidCharacterError: …': 26 }. */
function tally(errors: Seen[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { who, text } of errors) {
    const key = `${who} ${text.slice(0, 160)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Watches the page's signaling sockets: publishes tagged by the attacker (y-webrtc ignores the
 * tag), the end marker, disconnects; and the end marker of the BroadcastChannel junk. Returns the
 * page's y-webrtc peer id and room name.
 */
function watchSignaling(p: Person): Promise<{ peerId: string; roomName: string }> {
  return p.page.evaluate(() => {
    const w = window as unknown as { __proofroomApp: any; __garbage: any };
    const provider = w.__proofroomApp.collab.room.provider;
    const state = { seen: 0, ended: false, disconnects: 0, bcEnded: false };
    w.__garbage = state;
    for (const conn of provider.signalingConns) {
      conn.on('message', (m: any) => {
        if (typeof m?.garbage === 'string') state.seen++;
        if (m?.garbageEnd === true) state.ended = true;
      });
      conn.on('disconnect', () => state.disconnects++);
    }
    const bc = new BroadcastChannel(provider.roomName);
    bc.onmessage = (event) => {
      if (event.data === 'garbage-end') state.bcEnded = true;
    };
    return { peerId: provider.room.peerId as string, roomName: provider.roomName as string };
  });
}

const garbageState = (p: Person) =>
  p.page.evaluate(() => {
    const w = window as unknown as { __proofroomApp: any; __garbage: { seen: number; ended: boolean; disconnects: number; bcEnded: boolean } };
    const up = (w.__proofroomApp.collab.room.provider.signalingConns as { connected: boolean }[]).every((c) => c.connected);
    return { ...w.__garbage, up };
  });

/** Bytes that claim a 1000-byte iv after the algorithm name, with 10 behind it. */
function pastTheEnd(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, 'AES-GCM');
  encoding.writeVarUint(encoder, 1000);
  encoding.writeUint8Array(encoder, randomBytes(10));
  return encoding.toUint8Array(encoder);
}

test('junk published into a room by someone without its secret is ignored, quietly', async ({ browser, baseURL }) => {
  const errors: Seen[] = [];
  let armed = false;
  const a = await openSample(browser, '王敏', baseURL!, { signaling: [relay.url] });
  recordErrors(a, errors, () => armed);
  const link = await share(a);
  const b = await person(browser, '李雷', link);
  recordErrors(b, errors, () => armed);
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  await expect(status(b)).toHaveText('已连接 1 位同伴');
  const [idA, idB] = await Promise.all([watchSignaling(a), watchSignaling(b)]);

  // What an outsider knows: the room name (the topic). The secret is used only for the wrong-shape
  // payloads below, which a broken or hostile member could send.
  const query = new URLSearchParams(link.split('#/join/')[1]!.split('?')[1]);
  const topic = `proofroom:${query.get('room')}`;
  expect(idA.roomName).toBe(topic);
  const key = await roomKey(query.get('secret')!, topic);
  const wrongKey = await roomKey('not-the-secret-of-this-room', topic);
  const stranger = '00000000-junk-junk-junk-000000000000';

  const kinds: Record<string, () => Promise<unknown> | unknown> = {
    // From anyone: not a string, not base64, not a y-webrtc frame, not for this key.
    number: () => 7,
    object: () => ({ iv: 'x' }),
    array: () => ['AES-GCM'],
    null: () => null,
    absent: () => undefined,
    'not base64': () => '¡esto no es base64! %%%',
    'empty string': () => '',
    'random bytes': () => base64(randomBytes(1 + Math.floor(Math.random() * 2000))),
    'big random bytes': () => base64(randomBytes(40_000)),
    'bad UTF-8 name': () => base64(Uint8Array.of(4, 0xff, 0xfe, 0xfd, 0xfc, 12, 1, 2, 3)),
    'iv past the end': () => base64(pastTheEnd()),
    'truncated frame': () => base64(frame('AES-GCM', randomBytes(12), randomBytes(60)).subarray(0, 15)),
    'other algorithm': () => base64(frame('AES-CBC', randomBytes(12), randomBytes(64))),
    'random ciphertext': () => base64(frame('AES-GCM', randomBytes(12), randomBytes(64))),
    'empty iv': () => base64(frame('AES-GCM', new Uint8Array(0), randomBytes(40))),
    'wrong key': async () => base64(await sealAny({ type: 'announce', from: stranger }, wrongKey)),
    // Under the right key, of the wrong shape.
    'junk under the key': async () => base64(await seal(randomBytes(50), key)),
    'a number under the key': async () => base64(await sealAny(42, key)),
    'announce without from': async () => base64(await sealAny({ type: 'announce' }, key)),
    'announce from an object': async () => base64(await sealAny({ type: 'announce', from: { id: 1 } }, key)),
    'signal without signal': async () => base64(await sealAny({ type: 'signal', from: stranger }, key)),
    'null signal': async () => base64(await sealAny({ type: 'signal', from: stranger, signal: null }, key)),
    'answer from a stranger': async () =>
      base64(await sealAny({ type: 'signal', from: stranger, signal: { type: 'answer', sdp: 'v=0' } }, key)),
    'bad SDP type to A': async () =>
      base64(await sealAny({ type: 'signal', from: stranger, to: idA.peerId, signal: { type: 'bogus', sdp: 'v=0' } }, key)),
    'bad SDP type to B': async () =>
      base64(await sealAny({ type: 'signal', from: stranger, to: idB.peerId, signal: { type: 'bogus', sdp: 'v=0' } }, key)),
  };
  const messages: Record<string, unknown>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [kind, make] of Object.entries(kinds)) messages.push({ type: 'publish', topic, garbage: kind, data: await make() });
  }
  expect(messages.length).toBeGreaterThanOrEqual(600);

  const attacker = await RelayClient.open(relay.url);
  attacker.send({ type: 'subscribe', topics: [topic] });
  armed = true;
  await attacker.pace(messages, PER_SECOND);
  attacker.send({ type: 'publish', topic, garbageEnd: true, data: 0 });

  // The same junk from a script of A's origin, on the room's BroadcastChannel (same browser only).
  const bcJunk = [
    Array.from(randomBytes(80)),
    [],
    Array.from(frame('AES-GCM', randomBytes(12), randomBytes(64))),
    Array.from(await sealAny({ type: 'x' }, wrongKey)),
    Array.from(frame('AES-CBC', randomBytes(12), randomBytes(64))),
    Array.from(Uint8Array.of(4, 0xff, 0xfe, 0xfd, 0xfc)),
  ];
  await a.page.evaluate(
    ({ name, junk }) => {
      const bc = new BroadcastChannel(name);
      for (let round = 0; round < 5; round++) {
        for (const bytes of junk) bc.postMessage(new Uint8Array(bytes).buffer);
        bc.postMessage('a string');
        bc.postMessage({ an: 'object' });
      }
      bc.postMessage('garbage-end');
      bc.close();
    },
    { name: topic, junk: bcJunk },
  );

  // Every junk publish reached both peers (none was dropped by the relay's rate limit).
  for (const p of [a, b]) await p.page.waitForFunction(() => (window as any).__garbage.ended === true, null, { timeout: 20_000 });
  await a.page.waitForFunction(() => (window as any).__garbage.bcEnded === true, null, { timeout: 20_000 });
  expect(attacker.closedWith, 'the relay kept the attacker (paced under its limit)').toBeNull();
  expect(tally(errors), 'errors in the pages during the attack').toEqual({});
  for (const p of [a, b]) {
    const state = await garbageState(p);
    expect(state.seen, `${p.name} received every junk publish`).toBe(messages.length);
    expect(state.disconnects, `${p.name} stayed on the relay`).toBe(0);
    expect(state.up).toBe(true);
  }
  await expect(status(a)).toHaveText('已连接 1 位同伴');
  await expect(status(b)).toHaveText('已连接 1 位同伴');

  // The room still works: notes both ways, and a third person joins by the link.
  await comment(a, '垃圾之后 A 的批注', { start: 2, end: 6 });
  await expect(margin(b, '垃圾之后 A 的批注')).toBeVisible();
  await comment(b, '垃圾之后 B 的批注', { start: 20, end: 24 });
  await expect(margin(a, '垃圾之后 B 的批注')).toBeVisible();
  const c = await person(browser, '韩梅梅', link);
  recordErrors(c, errors, () => armed);
  await expect(status(c)).toHaveText('已连接 2 位同伴', { timeout: 20_000 });
  await expect(margin(c, '垃圾之后 A 的批注')).toBeVisible();
  await expect(margin(c, '垃圾之后 B 的批注')).toBeVisible();
  await expect(status(a)).toHaveText('已连接 2 位同伴');

  for (const p of [a, b]) expect((await garbageState(p)).disconnects, `${p.name} stayed on the relay`).toBe(0);
  expect(tally(errors), 'errors in the pages after the attack').toEqual({});
  await attacker.close();
  await closeAll(a, b, c);
});
