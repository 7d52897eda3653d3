// `npm run office` as an operator meets it: a bad flag or key is one line on stderr and exit 1; the
// first start makes a key, keeps it (mode 600) and prints it with where reviewers put it; the next start
// uses the kept key without printing it; SIGTERM stops it cleanly.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from './helpers/cli.ts';

const office = cli('server/office-cli.ts');

/** Starts the CLI, resolves with its stdout once it has printed its start lines; `stop` sends SIGTERM. */
function start(dataDir: string): Promise<{ out: string; stop: () => Promise<number | null> }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OFFICE_KEY;
  delete env.REDIS_URL;
  delete env.PORT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/office-cli.ts', '--port', '0', '--data', dataDir], { cwd: root, env });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Reviewers enter')) {
        resolve({
          out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code} before starting: ${out}`)));
  });
}

describe('npm run office', () => {
  it('refuses a bad flag, port or key in one line, exit 1', () => {
    for (const args of [['--bogus'], ['--port', 'eighty'], ['--key', 'short']]) {
      const r = office.run(...args, '--data', join(office.dir, 'unused'));
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^office: /);
    }
  });

  it('makes a key on first start, keeps it private, and reuses it without printing it', async () => {
    const dataDir = join(office.dir, 'data');
    const first = await start(dataDir);
    const keyFile = join(dataDir, 'office-key');
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.out).toMatch(/^Office peer listening on ws:\/\/127\.0\.0\.1:\d+$/m);
    expect(first.out).toContain(`Data: ${join(dataDir, 'office.sqlite')}`);
    expect(first.out).toContain('Redis: not used');
    expect(first.out).toContain(`Office key (new, kept in ${keyFile}): ${key}`);
    expect(first.out).toContain('协作 → 连接设置 → 办公室节点');
    expect(await first.stop()).toBe(0);

    const second = await start(dataDir);
    expect(second.out).toContain(`Office key: kept in ${keyFile}`);
    expect(second.out).not.toContain(key);
    expect(await second.stop()).toBe(0);
  }, 30_000);
});
