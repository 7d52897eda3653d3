// Vite config. `base: './'` keeps the built site working from any static host and sub-path.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { signalRelay } from './server/vite-plugin-signal.ts';

export default defineConfig({
  base: './',
  // The bundled sample issue and icons live in static/ (the repo's fixed top level).
  publicDir: 'static',
  plugins: [svelte(), signalRelay()],
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
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
