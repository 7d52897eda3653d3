// `npm run signal`: the signaling relay alone, for a field LAN with no app server.
// Binds 127.0.0.1:4444 unless told otherwise; prints the URLs to give peers; exits on SIGINT/SIGTERM.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { createRelay } from './relay.ts';

const HELP = `Proofroom signaling relay (y-webrtc protocol)

Usage: npm run signal -- [--host 127.0.0.1] [--port 4444]

  --host  address to bind (default 127.0.0.1; use 0.0.0.0 to serve the LAN)
  --port  port to listen on (default 4444)
  --help  show this text

Peers put the printed ws://…/signal URL in their signaling settings.
The relay only introduces peers; it keeps no data.`;

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

function peerUrls(host: string, port: number): string[] {
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) return [`ws://${host.includes(':') ? `[${host}]` : host}:${port}/signal`];
  const urls = [`ws://127.0.0.1:${port}/signal`];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.internal || (a.family !== 'IPv4' && host !== '::')) continue;
      urls.push(`ws://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${port}/signal`);
    }
  }
  return urls;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4444' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const host = values.host;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port: ${values.port}`);

const relay = createRelay({ log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
const server = createServer((request, response) => {
  response.writeHead(request.url === '/signal' ? 426 : 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end("Proofroom signaling relay. Connect a WebSocket to /signal.\n");
});
relay.attach(server, '/signal');
// This server is ours alone: an upgrade to any other path gets a plain refusal instead of hanging.
server.on('upgrade', (request, socket) => {
  if (new URL(request.url ?? '/', 'http://relay.invalid').pathname !== '/signal') {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  }
});
server.on('error', (error) => {
  console.error(`Cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Signaling relay listening on ${host}:${actualPort}. Give peers:`);
  for (const url of peerUrls(host, actualPort)) console.log(`  ${url}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing ${relay.connections} connection(s)`);
  await relay.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
