// `npm run office`: the office peer (server/office.ts) on its own. Binds 127.0.0.1:4445 unless told
// otherwise, keeps its data in ./office-data, prints where it listens and, the first time, the key it
// made; closes cleanly (every room stored) on SIGINT/SIGTERM. docs/SECURITY.md, "Office peer".
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { createLogLimiter } from './log-limiter.ts';
import { loadKey } from './office-access.ts';
import { startOffice, type Office } from './office.ts';

const HELP = `Proofroom office peer (Hocuspocus): an always-on peer that keeps every review of one office

Usage: npm run office -- [--host 127.0.0.1] [--port 4445] [--data ./office-data] [--key KEY]

  --host  address to bind (default 127.0.0.1; use 0.0.0.0 to serve the LAN, or put it behind a TLS proxy)
  --port  port to listen on (default: PORT, else 4445)
  --data  directory for office.sqlite and the generated key (default ./office-data)
  --key   the office key, 16-128 characters of A-Z a-z 0-9 _ - (default: OFFICE_KEY, else the key kept
          in <data>/office-key, else a new one made and kept there)
  --help  show this text

Environment: OFFICE_KEY, PORT, REDIS_URL (redis://[:password@]host[:port][/db]: several instances on
this host, each started with the same --data, then serve the same rooms behind a load balancer).

Reviewers enter the office URL and key in Proofroom's connection settings (协作 → 连接设置 → 办公室节点),
or receive both inside a share link. Whoever runs this server can read every review it keeps.`;

const stamp = (line: string): void => console.log(`${new Date().toISOString()} ${line}`);

function fail(message: string): never {
  console.error(`office: ${message}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      data: { type: 'string', default: './office-data' },
      key: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message.split('\n')[0]!);
}
const { values } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const portText = values.port ?? process.env.PORT ?? '4445';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`invalid port: ${portText}`);
const dataDir = resolve(values.data);
const redisUrl = process.env.REDIS_URL || undefined;

let key: ReturnType<typeof loadKey>;
try {
  key = loadKey(dataDir, values.key ?? process.env.OFFICE_KEY);
} catch (error) {
  fail((error as Error).message);
}

// Hocuspocus reports a client's bad frames on console.error: rate-limited like our own lines, so no
// client can flood the log; a failure it leaves unhandled is logged, and the server keeps serving.
const library = createLogLimiter(stamp, { label: 'office' });
console.error = (...args: unknown[]) => library.line('hocuspocus', `hocuspocus: ${format(...args).split('\n').slice(0, 3).join(' | ')}`);
console.warn = console.error;
process.on('unhandledRejection', (reason) => library.line('unhandled', `office: unhandled failure: ${format(reason).split('\n')[0]}`));

let office: Office;
try {
  office = await startOffice({ host: values.host, port, dataDir, key: key.key, redisUrl, log: stamp });
} catch (error) {
  fail(`cannot start on ${values.host}:${port}: ${(error as Error).message}`);
}
console.log(`Office peer listening on ${office.url}`);
if (values.host === '0.0.0.0' || values.host === '::') {
  // A wildcard bind is reached through this machine's own addresses.
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (!a.internal && a.family === 'IPv4') console.log(`  reachable at ws://${a.address}:${office.port}`);
    }
  }
}
console.log(`Data: ${office.dbPath}`);
console.log(redisUrl ? `Redis: ${new URL(redisUrl).host} (rooms shared with the other instances)` : 'Redis: not used (one instance)');
if (key.generated) console.log(`Office key (new, kept in ${key.file}): ${key.key}`);
else console.log(`Office key: ${key.file ? `kept in ${key.file}` : 'from --key / OFFICE_KEY'}`);
console.log('Reviewers enter the office URL + key in Proofroom → 协作 → 连接设置 → 办公室节点 (Collaborate → Connection settings → Office peer), or receive them in a share link.');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: storing ${office.documents} room(s) and closing ${office.connections} connection(s)`);
  await office.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
