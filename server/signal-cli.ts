// `npm run signal`: the signaling relay alone, for a field LAN with no app server.
// Binds 127.0.0.1:4444 unless told otherwise; prints the URLs to give peers; exits on SIGINT/SIGTERM.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { createRelay } from './relay.ts';
import { requestPath } from './relay-limits.ts';

const HELP = `Proofroom signaling relay (y-webrtc protocol)

Usage: npm run signal -- [--host 127.0.0.1] [--port 4444] [limits]

  --host  address to bind (default 127.0.0.1; use 0.0.0.0 to serve the LAN)
  --port  port to listen on (default 4444)
  --help  show this text

Limits (docs/PROTOCOL.md §1); sizes take a k or m suffix (KiB, MiB):
  --max-connections N    connections in all (default 1000)
  --max-per-address N    connections from one address or IPv6 /64 (default 128)
  --address-messages N   messages per second from one address (default 1000)
  --address-bytes N      bytes per second one address may cost the relay, received plus
                         delivered (message size × receivers) (default 32m)
  --rate N               messages per second per connection (default 50)
  --max-message N        largest message (default 64k)

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
      'max-connections': { type: 'string' },
      'max-per-address': { type: 'string' },
      'address-messages': { type: 'string' },
      'address-bytes': { type: 'string' },
      rate: { type: 'string' },
      'max-message': { type: 'string' },
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

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 * 1024 };

/** A positive whole number from a flag, with an optional k/m (KiB/MiB) suffix; undefined if absent. */
function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)([km]?)$/i.exec(value.trim());
  const n = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? NaN) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) fail(`Invalid --${flag}: ${value}`);
  return n;
}

const maxConnections = count('max-connections', values['max-connections']);
const relay = createRelay({
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  maxConnections,
  maxConnectionsPerAddress: count('max-per-address', values['max-per-address']),
  addressMessagesPerSecond: count('address-messages', values['address-messages']),
  addressBytesPerSecond: count('address-bytes', values['address-bytes']),
  ratePerSecond: count('rate', values.rate),
  maxMessageBytes: count('max-message', values['max-message']),
});
const server = createServer((request, response) => {
  response.writeHead(request.url === '/signal' ? 426 : 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end("Proofroom signaling relay. Connect a WebSocket to /signal.\n");
});
relay.attach(server, '/signal');
// This server is ours alone: an upgrade to any other path gets a plain refusal instead of hanging.
server.on('upgrade', (request, socket) => {
  if (requestPath(request.url) !== '/signal') {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n', () => socket.destroy());
  }
});
// Sockets that never get as far as an upgrade are bounded too: a slow or silent request is dropped
// after 10 s, and TCP connections beyond the relay's cap (plus room for plain page loads) are refused.
server.headersTimeout = 10_000;
server.requestTimeout = 15_000;
server.maxConnections = (maxConnections ?? 1000) + 64;
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
