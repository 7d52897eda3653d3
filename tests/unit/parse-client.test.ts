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
    worker?.deliver(() => worker.onmessage?.({ data }));
  },
};

class FakeWorker {
  static current: FakeWorker | undefined;
  static created: FakeWorker[] = [];
  onmessage: Listener = null;
  onerror: Listener = null;
  terminated = false;
  /** Messages posted to or from this worker that have not yet been delivered or dropped. */
  #inFlight = 0;
  #idle: Array<() => void> = [];
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.current = this;
    FakeWorker.created.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[]) {
    const data = structuredClone(message, { transfer });
    this.deliver(() => scope.onmessage?.({ data }));
  }
  /** Runs `handler` in a later task, as a message event, unless the worker is terminated by then (terminate() discards queued messages, as in a browser). */
  deliver(handler: () => void) {
    this.#inFlight++;
    setTimeout(() => {
      this.#inFlight--;
      if (!this.terminated) handler();
      this.#check();
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
  /**
   * Resolves once no message to or from this worker is in flight: each was delivered or dropped.
   * The parse runs synchronously here, so from then on the worker sends nothing until sent something.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idle.push(resolve);
      this.#check();
    });
  }
  #check() {
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
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
    await job.finished;
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
    await job.finished;
    // The request was in flight when the worker ended; once it is dropped, nothing can report progress.
    await worker.idle();
    expect(progress).not.toHaveBeenCalled();
  });

  it('cancel() while the worker is parsing stops its progress at once', async () => {
    const seen: ParseProgress[] = [];
    const job = parseInWorker(copyOf(sample), 'sample-issue.txt', (p) => {
      seen.push(p);
      job.cancel();
    });
    const worker = FakeWorker.created.at(-1)!;
    await expect(job.promise).rejects.toMatchObject({ name: 'AbortError' });
    await job.finished;
    // The worker had posted its other replies (more progress, then the issue) before it was ended.
    await worker.idle();
    expect(worker.terminated).toBe(true);
    expect(seen).toEqual([{ phase: 'decode', fraction: 0 }]);
  });

  it('cancel() during a read stops reading; finished waits for the read to stop', async () => {
    const events: string[] = [];
    let release!: () => void;
    let asked!: () => void;
    const reading = new Promise<void>((resolve) => (asked = resolve));
    /** A Blob whose first chunk comes only when the test releases it, and that logs being cancelled. */
    class HeldBlob extends Blob {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        return new ReadableStream({
          pull: (controller) =>
            new Promise<void>((resolve) => {
              release = () => {
                controller.enqueue(sample.slice(0, 1024));
                resolve();
              };
              asked();
            }),
          cancel: () => void events.push('read stopped'),
        });
      }
    }
    const progress = vi.fn();
    const before = FakeWorker.created.length;
    const job = parseInWorker(new HeldBlob([sample]), 'sample-issue.txt', progress);
    void job.finished.then(() => events.push('finished'));
    job.cancel();
    await expect(job.promise).rejects.toMatchObject({ name: 'AbortError' });
    // The read asked for was still pending at cancel(); once it returns, the loop sees the cancel.
    await reading;
    release();
    await job.finished;
    expect(events).toEqual(['read stopped', 'finished']);
    expect(progress.mock.calls).toEqual([[{ phase: 'read', fraction: 0 }]]);
    expect(FakeWorker.created.length).toBe(before);
  });

  it('cancel() while a Blob is still being read never starts a worker', async () => {
    const before = FakeWorker.created.length;
    const job = parseInWorker(new Blob([sample]), 'sample-issue.txt');
    job.cancel();
    await expect(job.promise).rejects.toMatchObject({ name: 'AbortError' });
    // The read loop has ended and the job will never start anything now.
    await job.finished;
    expect(FakeWorker.created.length).toBe(before);
  });
});
