// Office peers as real processes, for vitest tests, Playwright specs and the bench: an optional
// redis-server on loopback, N `npm run office` instances (one key, one Redis, and one data dir: they
// share its SQLite file, as instances on one host must, see server/office-store.ts) and a small TCP
// load balancer in front of them. The balancer deals connections round-robin over live
// instances (one that refuses is skipped), records which instance each one went to, and when an
// instance dies its clients' sockets close, so they reconnect through it to another.
// No test framework imports here: both vitest and Playwright load this file.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface OfficeInstance {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  alive: boolean;
  /** Everything it printed, stdout and stderr. */
  output: string[];
}

export interface BalancedConnection {
  /** Index of the instance it went to. */
  instance: number;
  /** The client's port as the balancer saw it (a Node client's socket.localPort). */
  clientPort: number;
  open: boolean;
}

export interface OfficeCluster {
  key: string;
  /** ws:// URL of the balancer. */
  balancerUrl: string;
  redisUrl: string | null;
  instances: OfficeInstance[];
  /** Every connection the balancer accepted, in order. */
  connections: BalancedConnection[];
  /** The instance the client on `clientPort` went to last, or -1. */
  instanceOf(clientPort: number): number;
  /** SIGKILL: a real crash. Resolves once the process is gone and its clients' sockets are closed. */
  kill(i: number): Promise<void>;
  /** SIGTERM and wait for a clean stop (rooms stored). */
  terminate(i: number): Promise<void>;
  /** Starts instance i again on the same port and data dir. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  /** Start a redis-server and give every instance its URL (default true when instances > 1). */
  redis?: boolean;
  key?: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when redis-server on `port` answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
  });
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  let failed: Error | null = null;
  child.once('error', (e) => (failed = e));
  for (let i = 0; i < 200; i++) {
    if (failed) throw new Error(`redis-server did not start: ${(failed as Error).message} (scripts/setup-test-env.sh installs it)`);
    if (await pong(port)) return { url: `redis://127.0.0.1:${port}`, process: child };
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer PING');
}

function startInstance(dataDir: string, key: string, redisUrl: string | null, port = 0): Promise<OfficeInstance> {
  const env: NodeJS.ProcessEnv = { ...process.env, OFFICE_KEY: key };
  delete env.PORT;
  if (redisUrl) env.REDIS_URL = redisUrl;
  else delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/office-cli.ts', '--port', String(port), '--data', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        const m = /^Office peer listening on (ws:\/\/\S+)/.exec(line);
        if (m) {
          const url = m[1]!;
          const instance: OfficeInstance = { url, port: Number(new URL(url).port), dataDir, process: child, alive: true, output };
          child.once('exit', () => (instance.alive = false));
          resolve(instance);
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code) => reject(new Error(`office instance exited (${code}) before listening:\n${output.join('\n')}`)));
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export async function startOfficeCluster(options: ClusterOptions = {}): Promise<OfficeCluster> {
  const count = options.instances ?? 2;
  const key = options.key ?? randomBytes(24).toString('base64url');
  const tmp = mkdtempSync(join(tmpdir(), 'proofroom-office-'));
  const redis = (options.redis ?? count > 1) ? await startRedis() : null;
  const instances = await Promise.all(
    Array.from({ length: count }, () => startInstance(join(tmp, 'office'), key, redis?.url ?? null)),
  );
  const connections: BalancedConnection[] = [];
  const piped = new Map<number, Set<Socket>>();
  let next = 0;

  /** Connects `client` to the next live instance that accepts, trying each at most once. */
  function route(client: Socket, tried: number): void {
    if (tried >= instances.length) return void client.destroy();
    const i = next++ % instances.length;
    const instance = instances[i]!;
    if (!instance.alive) return route(client, tried + 1);
    const backend = connect(instance.port, '127.0.0.1');
    let connected = false;
    backend.once('error', () => {
      if (!connected) route(client, tried + 1);
    });
    backend.once('connect', () => {
      connected = true;
      const record: BalancedConnection = { instance: i, clientPort: client.remotePort ?? -1, open: true };
      connections.push(record);
      const set = piped.get(i) ?? new Set();
      piped.set(i, set);
      set.add(client);
      const end = (): void => {
        record.open = false;
        set.delete(client);
        client.destroy();
        backend.destroy();
      };
      backend.on('close', end);
      client.on('close', end);
      backend.on('error', end);
      client.on('error', end);
      client.pipe(backend);
      backend.pipe(client);
      client.resume();
    });
  }

  const balancer: Server = createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => client.destroy());
    route(client, 0);
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  const balancerUrl = `ws://127.0.0.1:${(balancer.address() as AddressInfo).port}`;

  return {
    key,
    balancerUrl,
    redisUrl: redis?.url ?? null,
    instances,
    connections,
    instanceOf(clientPort) {
      for (let j = connections.length - 1; j >= 0; j--) if (connections[j]!.clientPort === clientPort) return connections[j]!.instance;
      return -1;
    },
    async kill(i) {
      const instance = instances[i]!;
      instance.process.kill('SIGKILL');
      await exited(instance.process);
      instance.alive = false;
      for (const socket of piped.get(i) ?? []) socket.destroy();
    },
    async terminate(i) {
      const instance = instances[i]!;
      instance.process.kill('SIGTERM');
      await exited(instance.process);
      instance.alive = false;
    },
    async restart(i) {
      const old = instances[i]!;
      instances[i] = await startInstance(old.dataDir, key, redis?.url ?? null, old.port);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        balancer.close(() => resolve());
        for (const set of piped.values()) for (const s of set) s.destroy();
      });
      await Promise.all(
        instances.map(async (instance) => {
          instance.process.kill('SIGKILL');
          await exited(instance.process);
        }),
      );
      if (redis) {
        redis.process.kill('SIGKILL');
        await exited(redis.process);
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
