// Vite plugin: serves the signaling relay at /signal on the dev server and on `vite preview`,
// so the app's own origin is its default signaling URL (ws://<origin>/signal). Only upgrades to
// /signal are taken; Vite's HMR socket and anything else on the server are left alone.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createRelay, type RelayOptions } from './relay.ts';

export interface SignalPluginOptions extends RelayOptions {
  /** Default /signal. */
  path?: string;
}

export function signalRelay(options: SignalPluginOptions = {}): Plugin {
  const { path = '/signal', ...relayOptions } = options;

  function mount(
    httpServer: Server | null,
    middlewares: Connect.Server,
    log: (line: string) => void,
  ): void {
    if (!httpServer) return; // middleware mode: the host server would have to mount the relay itself
    const relay = createRelay({ log, ...relayOptions });
    relay.attach(httpServer, path);
    httpServer.once('close', () => void relay.close());
    middlewares.use(path, (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (req.url !== '/' && req.url !== '') return next();
      res.statusCode = 426;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end("Proofroom signaling relay. Connect a WebSocket here.\n");
    });
  }

  return {
    name: 'proofroom:signal-relay',
    configureServer(server) {
      mount(server.httpServer as Server | null, server.middlewares, (line) => server.config.logger.info(line, { timestamp: true }));
    },
    configurePreviewServer(server) {
      mount(server.httpServer as Server | null, server.middlewares, (line) => server.config.logger.info(line, { timestamp: true }));
    },
  };
}
