// Playwright drives the system Chromium (browser downloads are impossible here) against the e2e
// build of the app (`npm run build:e2e`: the product plus its test hooks, in dist-e2e/) served by
// `vite preview`, which also hosts the signaling relay on the same origin.
import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4317);
// E2E_DIST lets several people test different builds side by side (`vite build --mode e2e --outDir X`).
const outDir = ` --outDir ${process.env.E2E_DIST ?? 'dist-e2e'}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    launchOptions: launchOptions(),
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort${outDir}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
