// Vite config. `base: './'` keeps the built site working from any static host and sub-path.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { signalRelay } from './server/vite-plugin-signal.ts';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  base: './',
  // The bundled sample issue and icons live in static/ (the repo's fixed top level).
  publicDir: 'static',
  plugins: [
    svelte(),
    signalRelay(),
    // The app shell (and the bundled sample) cached by a Workbox service worker, so the app starts
    // with no network after one visit; src/lib/sync/service-worker.ts registers it in production.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg', 'sample-issue.txt'],
      manifest: {
        name: '共校 Proofroom',
        short_name: '共校',
        description: 'Proofread an issue together, peer to peer, online or offline',
        lang: 'zh-CN',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#9b1c1c',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,txt,webmanifest}'],
        navigateFallback: 'index.html',
        // The relay's WebSocket upgrade and its info page are never the app shell.
        navigateFallbackDenylist: [/\/signal(\/|$)/],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    alias: [
      // y-webrtc's peers become ChunkedPeers, which carry messages of any size (docs/CHUNKING.md).
      {
        find: /^simple-peer\/simplepeer\.min\.js$/,
        replacement: fileURLToPath(new URL('./src/lib/sync/chunked-peer.ts', import.meta.url)),
      },
    ],
  },
  // Pre-bundle simple-peer up front: found late, it makes the dev server reload the page when a room opens.
  optimizeDeps: { include: ['simple-peer/simplepeer.min'] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  worker: { format: 'es' },
  // PROOFROOM_NO_MINIFY=1 keeps names readable in CPU profiles (bench/sync.bench.ts SYNC_PROFILE).
  build: { target: 'es2022', sourcemap: true, minify: !process.env.PROOFROOM_NO_MINIFY },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // 15 s, not vitest's 5 s: this machine and CI have 2 cores, files run in parallel, and with a
    // core taken CPU-bound tests run several times slower (a 0.5 s decode took 2 s on a busy
    // machine). Every test should take under a third of this under load; a hang still fails in 15 s.
    // Tests that spawn processes or flood sockets set their own, longer timeouts.
    testTimeout: 15_000,
    // The state classes run in tests as in the browser: Svelte's client runtime (which the compiled
    // *.svelte.ts modules use) with its client `createSubscriber` and `tick`, not the server no-ops
    // Node's export conditions would pick — else an effect never hears of a change in the review doc.
    alias: [
      { find: /^svelte$/, replacement: fileURLToPath(new URL('./node_modules/svelte/src/index-client.js', import.meta.url)) },
      {
        find: /^svelte\/reactivity$/,
        replacement: fileURLToPath(new URL('./node_modules/svelte/src/reactivity/index-client.js', import.meta.url)),
      },
    ],
  },
});
