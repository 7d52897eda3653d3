// parseInWorker against the real worker module, run in-process behind a fake Worker that passes
// messages through structuredClone with the transfer list, as a browser would.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IssueError } from '../../src/lib/issue/errors.ts';
import type { ParseProgress } from '../../src/lib/worker/parse-client.ts';

type Listener = ((event: { data: unknown }) => void) | null;

/** Stands in for the worker's global scope; replies go to whichever fake Worker is current. */
const scope: { onmessage: Listener; postMessage(reply: unknown): void } = {
  onmessage: null,
  postMessage(reply) {
    const worker = FakeWorker.current;
    const data = structuredClone(reply);
    setTimeout(() => worker && !worker.terminated && worker.onmessage?.({ data }), 0);
  },
};

class FakeWorker {
  static current: FakeWorker | undefined;
  static created: FakeWorker[] = [];
  onmessage: Listener = null;
  onerror: Listener = null;
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.current = this;
    FakeWorker.created.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[]) {
    const data = structuredClone(message, { transfer });
    setTimeout(() => !this.terminated && scope.onmessage?.({ data }), 0);
  }
  terminate() {
    this.terminated = true;
  }
}

let parseInWorker: typeof import('../../src/lib/worker/parse-client.ts').parseInWorker;
const sample = new Uint8Array(readFileSync(new URL('../../static/sample-issue.txt', import.meta.url)));
const copyOf = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

beforeAll(async () => {
  vi.stubGlobal('self', scope);
  vi.stubGlobal('Worker', FakeWorker);
  await import('../../src/lib/worker/parse.worker.ts');
  ({ parseInWorker } = await import('../../src/lib/worker/parse-client.ts'));
});
afterAll(() => vi.unstubAllGlobals());

describe('parseInWorker', () => {
  it('parses an ArrayBuffer in a module worker, transferring the bytes and reporting progress', async () => {
    const buffer = copyOf(sample);
    const seen: ParseProgress[] = [];
    const job = parseInWorker(buffer, 'sample-issue.txt', (p) => seen.push(p));
    expect(buffer.byteLength).toBe(0); // transferred, not copied
    const issue = await job.promise;
    expect(issue.sections.map((s) => s.title)).toContain('学习强会');
    expect(issue.source).toMatchObject({ name: 'sample-issue.txt', bytes: sample.length, format: 'text' });
    const worker = FakeWorker.created.at(-1)!;
    expect(worker.url.pathname).toMatch(/parse\.worker\.ts$/);
    expect(worker.options.type).toBe('module');
    expect(worker.terminated).toBe(true);
    expect(seen.some((p) => p.phase === 'decode')).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'parse', fraction: 1 });
  });

  it('reads a Blob with read progress first', async () => {
    const seen: ParseProgress[] = [];
    const issue = await parseInWorker(new Blob([sample]), 'sample-issue.txt', (p) => seen.push(p)).promise;
    expect(issue.articles.length).toBeGreaterThan(20);
    expect(seen[0]).toEqual({ phase: 'read', fraction: 0 });
    expect(seen.filter((p) => p.phase === 'read').at(-1)?.fraction).toBe(1);
  });

  it('rebuilds the IssueError of a bad file on the main thread', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const error = await parseInWorker(copyOf(png), 'photo.txt').promise.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(IssueError);
    expect(error).toMatchObject({ code: 'binary', message: expect.stringContaining('PNG image, not text') });
  });

  it('cancel() ends the worker and rejects with an AbortError', async () => {
    const progress = vi.fn();
    const job = parseInWorker(copyOf(sample), 'sample-issue.txt', progress);
    const worker = FakeWorker.created.at(-1)!;
    job.cancel();
    const error = await job.promise.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(worker.terminated).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(progress).not.toHaveBeenCalled();
  });

  it('cancel() while a Blob is still being read never starts a worker', async () => {
    const before = FakeWorker.created.length;
    const job = parseInWorker(new Blob([sample]), 'sample-issue.txt');
    job.cancel();
    await expect(job.promise).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 20));
    expect(FakeWorker.created.length).toBe(before);
  });
});
