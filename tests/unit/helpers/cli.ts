// Running one of the project's CLIs (scripts/*.ts) as a user would, through tsx in a child process,
// with a scratch folder for the files a test hands it (removed after the file's tests).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `run(...args)` runs `script`; `file(name, bytes)` writes a scratch file and gives its path. */
export function cli(script: string): { dir: string; run: (...args: string[]) => CliRun; file: (name: string, bytes: Uint8Array | string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'proofroom-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    run(...args) {
      const run = spawnSync(tsx, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    },
    file(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}
