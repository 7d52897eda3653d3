// Vite plugin: serves the signaling relay at /signal on the dev server and on `vite preview`,
// so the app's own origin is its default signaling URL (ws://<origin>/signal). Only upgrades to
// /signal are taken; Vite's HMR socket and anything else on the server are left alone. The relay's
// limits (docs/PROTOCOL.md §1) protect the dev server too: a hostile client can cost it a connection,
// never the process.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createRelay, type Relay, type RelayOptions } from './relay.ts';

export interface SignalPluginOptions extends RelayOptions {
  /** Default /signal. */
  path?: string;
}

/** What the plugin offers other plugins and tests as `plugin.api`. */
export interface SignalPluginApi {
  /** The relay on the server this plugin was last mounted on, if any. */
  readonly relay: Relay | null;
}

export function signalRelay(options: SignalPluginOptions = {}): Plugin {
  const { path = '/signal', ...relayOptions } = options;
  let mounted: Relay | null = null;

  function mount(
    httpServer: Server | null,
    middlewares: Connect.Server,
    log: (line: string) => void,
  ): void {
    if (!httpServer) return; // middleware mode: the host server would have to mount the relay itself
    const relay = createRelay({ log, ...relayOptions });
    relay.attach(httpServer, path);
    mounted = relay;
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
    api: {
      get relay() {
        return mounted;
      },
    } satisfies SignalPluginApi,
    configureServer(server) {
      mount(server.httpServer as Server | null, server.middlewares, (line) => server.config.logger.info(line, { timestamp: true }));
    },
    configurePreviewServer(server) {
      mount(server.httpServer as Server | null, server.middlewares, (line) => server.config.logger.info(line, { timestamp: true }));
    },
  };
}
