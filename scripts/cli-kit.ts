// What the project's CLIs (compare, report, proofread) share: reading a file with a clear reason when
// it cannot be read, telling a review package from JSON by its magic line, and the run of `main`:
// help on -h/--help, a usage problem on stderr with the usage (exit 2), a refusal of the input as
// one line on stderr (exit 1), the output on stdout and warnings after it (exit 0).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IssueError } from '../src/lib/issue/errors.ts';
import { loadIssue } from '../src/lib/issue/load.ts';
import type { Issue } from '../src/lib/issue/types.ts';

/** The input cannot be used: said in one line, exit 1. */
export class Refusal extends Error {}

/** The bytes of `file` (`-` is stdin). */
export function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new Refusal(`cannot read ${file}: ${why}`);
  }
}

/** The issue in `file`, or a Refusal saying why not. */
export function issueOf(file: string): Issue {
  try {
    return loadIssue(readInput(file), file === '-' ? 'stdin' : basename(file));
  } catch (e) {
    if (e instanceof IssueError) throw new Refusal(`${file}: ${e.message}`);
    throw e;
  }
}

const MAGIC = new TextEncoder().encode('PROOFROOM\n');
/** A review package starts with its magic line; anything else is read as JSON. */
export const isPackage = (bytes: Uint8Array): boolean => bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/**
 * Runs a CLI: `parse` turns the arguments into options or a usage problem; `run` gives the output,
 * pushing warnings with `warn`, or throws a Refusal. Returns the exit code.
 */
export function runCli<O>(
  name: string,
  usage: string,
  argv: string[],
  parse: (argv: string[]) => O | string,
  run: (options: O, warn: (line: string) => void) => string,
): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const options = parse(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${name}: ${options}\n\n${usage}\n`);
    return 2;
  }
  const warnings: string[] = [];
  let out: string;
  try {
    out = run(options, (line) => warnings.push(line));
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    process.stderr.write(`${name}: ${oneLine(e.message)}\n`);
    return 1;
  }
  process.stdout.write(out);
  for (const w of warnings) process.stderr.write(`${name}: ${oneLine(w)}\n`);
  return 0;
}

/** Piped into `head` and the like: stop quietly when the reader is gone. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}
