// Page benchmarks: build the app once, serve it with `vite preview` (which also hosts the
// signaling relay), and drive the system Chromium through Playwright, as the e2e tests do.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { launchOptions } from '../scripts/chromium.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT_DIR = '/tmp/proofroom-bench-dist';

let built = false;

async function waitFor(url: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`preview server did not start at ${url}`);
}

export interface App {
  browser: Browser;
  baseURL: string;
}

/** Runs `fn` against a fresh preview server and browser; both are closed afterwards. */
export async function withApp<T>(fn: (app: App) => Promise<T>, port = 4590): Promise<T> {
  if (!built) {
    const r = spawnSync('npx', ['vite', 'build', '--mode', 'e2e', '--outDir', OUT_DIR, '--emptyOutDir'], { cwd: ROOT, stdio: 'ignore' });
    if (r.status !== 0) throw new Error('vite build failed');
    built = true;
  }
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', OUT_DIR], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}/`;
  let browser: Browser | undefined;
  try {
    await waitFor(baseURL);
    browser = await chromium.launch(launchOptions());
    return await fn({ browser, baseURL });
  } finally {
    await browser?.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}
