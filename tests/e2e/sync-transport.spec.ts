// The WebRTC transport in real Chromium: one browser context per peer, signaling through the relay
// that `vite preview` serves at /signal, data over real data channels (iceServers: []).
// Pages load a test-only bundle (sync-transport.harness.ts), not the app.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

interface Status {
  state: 'offline' | 'connecting' | 'connected';
  peers: number;
  webrtc: number;
  broadcast: number;
  synced: boolean;
}
interface Digest {
  sha256: string;
  textLength: number;
  notes: number;
}
interface Harness {
  fill(textChars: number, notes: number): number;
  digest(): Promise<Digest>;
  join(roomName: string, password: string | null, signaling: string): void;
  status(): Status;
  whenSynced(): Promise<void>;
  mark(value: number): void;
  whenMarked(value: number): Promise<void>;
  leave(): void;
}

const HARNESS_ENTRY = 'tests/e2e/sync-transport.harness.ts';
let bundleDir = '';

/** chunked: the app's vite.config.ts (ChunkedPeer via its alias); plain: stock y-webrtc, for the control. */
async function buildHarness(kind: 'chunked' | 'plain'): Promise<string> {
  const outDir = join(bundleDir, kind);
  await build({
    configFile: kind === 'chunked' ? 'vite.config.ts' : false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      sourcemap: false,
      minify: false,
      lib: { entry: HARNESS_ENTRY, formats: ['iife'], name: 'SyncHarness', fileName: () => 'harness.js' },
    },
  });
  return join(outDir, 'harness.js');
}

class Peer {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, baseURL: string, bundle: string): Promise<Peer> {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A real document from the preview server (the relay's own /signal info page): a loopback,
    // secure-context origin, so crypto.subtle works and Chromium's local-network checks pass.
    await page.goto(new URL('signal', baseURL).href);
    await page.addScriptTag({ path: bundle });
    return new Peer(page);
  }

  /** Calls a harness function in the page (page functions cannot close over spec code). */
  call<K extends keyof Harness>(name: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>> {
    return this.page.evaluate(
      ([n, a]) => (globalThis as unknown as { syncHarness: Record<string, (...x: unknown[]) => unknown> }).syncHarness[n]!(...a),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<Harness[K]>>>;
  }
  fill(textChars: number, notes: number): Promise<number> {
    return this.call('fill', textChars, notes);
  }
  join(room: string, password: string | null, signaling: string): Promise<void> {
    return this.call('join', room, password, signaling);
  }
  status(): Promise<Status> {
    return this.call('status');
  }
  digest(): Promise<Digest> {
    return this.call('digest');
  }
  whenSynced(): Promise<void> {
    return this.call('whenSynced');
  }
  mark(value: number): Promise<void> {
    return this.call('mark', value);
  }
  whenMarked(value: number): Promise<void> {
    return this.call('whenMarked', value);
  }
  async close(): Promise<void> {
    await this.call('leave').catch(() => {});
    await this.page.context().close();
  }
}

function signalingUrl(baseURL: string): string {
  return new URL('signal', baseURL).href.replace(/^http/, 'ws');
}

const roomName = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

// ~1M CJK characters (3 MB of UTF-8) and 5,000 notes: the first sync message is over 12× Chromium's 256 KiB cap.
const BIG_TEXT = 1_000_000;
const BIG_NOTES = 5_000;

let chunkedBundle = '';
let plainBundle = '';

test.describe('WebRTC transport', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test.beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'proofroom-sync-harness-'));
    chunkedBundle = await buildHarness('chunked');
    plainBundle = await buildHarness('plain');
  });

  test.afterAll(() => {
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  test('a late joiner receives a 3 MB document over the chunked data channel', async ({ browser, baseURL }) => {
    const signaling = signalingUrl(baseURL!);
    const room = roomName('late-join');
    const a = await Peer.open(browser, baseURL!, chunkedBundle);
    const updateBytes = await a.fill(BIG_TEXT, BIG_NOTES);
    expect(updateBytes).toBeGreaterThan(3 * 1024 * 1024);
    await a.join(room, 'correct horse', signaling);
    await expect.poll(async () => (await a.status()).state).toBe('connecting');

    const b = await Peer.open(browser, baseURL!, chunkedBundle);
    await b.join(room, 'correct horse', signaling);
    await b.whenSynced();

    const expected = await a.digest();
    expect(expected.textLength).toBe(BIG_TEXT);
    expect(expected.notes).toBe(BIG_NOTES);
    expect(await b.digest()).toEqual(expected);
    // Separate contexts share no BroadcastChannel: this arrived over WebRTC.
    expect(await b.status()).toMatchObject({ state: 'connected', peers: 1, webrtc: 1, broadcast: 0 });
    await expect.poll(async () => (await a.status()).webrtc).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  test('control: stock y-webrtc never delivers the same document to a late joiner', async ({ browser, baseURL }) => {
    const signaling = signalingUrl(baseURL!);
    const room = roomName('control');
    const a = await Peer.open(browser, baseURL!, plainBundle);
    await a.fill(BIG_TEXT, BIG_NOTES);
    await a.join(room, 'correct horse', signaling);
    const b = await Peer.open(browser, baseURL!, plainBundle);
    await b.join(room, 'correct horse', signaling);
    // They do connect, and small messages flow: A syncs to B's (small) state.
    await expect.poll(async () => (await b.status()).webrtc).toBe(1);
    await a.whenSynced();
    // A sent its big sync step (the answer to B's step 1) before it synced (on B's answer to A's
    // step 1, which B sent after its own step 1). The data channel is ordered: once a small message
    // A sends now has reached B, anything A sent before it has arrived, or never will.
    await a.mark(1);
    await b.whenMarked(1);
    expect(await b.digest()).toMatchObject({ textLength: 0, notes: 0 });
    expect((await b.status()).synced).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });

  test('a wrong or missing password sees nothing of the room', async ({ browser, baseURL }) => {
    const signaling = signalingUrl(baseURL!);
    const room = roomName('password');
    const owner = await Peer.open(browser, baseURL!, chunkedBundle);
    await owner.fill(2_000, 20);
    await owner.join(room, 'the right secret', signaling);

    const wrong = await Peer.open(browser, baseURL!, chunkedBundle);
    await wrong.join(room, 'a wrong secret', signaling);
    const missing = await Peer.open(browser, baseURL!, chunkedBundle);
    await missing.join(room, null, signaling);
    for (const outsider of [wrong, missing]) {
      await expect.poll(async () => (await outsider.status()).state).toBe('connecting');
    }

    // A peer with the right secret, arriving after them, does get everything: the room was live.
    const friend = await Peer.open(browser, baseURL!, chunkedBundle);
    await friend.join(room, 'the right secret', signaling);
    await friend.whenSynced();
    expect(await friend.digest()).toEqual(await owner.digest());

    for (const outsider of [wrong, missing]) {
      expect(await outsider.digest()).toMatchObject({ textLength: 0, notes: 0 });
      expect(await outsider.status()).toMatchObject({ state: 'connecting', peers: 0 });
    }
    expect(await owner.status()).toMatchObject({ webrtc: 1 });
    await Promise.all([owner, wrong, missing, friend].map((p) => p.close()));
  });
});
