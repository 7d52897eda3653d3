// Parsing off the main thread: reads a Blob with progress, transfers its bytes to the parse worker,
// and turns the worker's replies back into an Issue or an IssueError. cancel() ends the worker.

import { IssueError, type IssueErrorCode, type Why } from '../issue/errors.ts';
import type { Issue } from '../issue/types.ts';

export interface ParseProgress {
  phase: 'read' | 'decode' | 'parse';
  fraction: number;
}

export interface ParseJob {
  promise: Promise<Issue>;
  cancel(): void;
  /** Resolves (never rejects) once all work has stopped: the Blob is no longer read and the worker, if any, is terminated. */
  finished: Promise<void>;
}

export interface ParseRequest {
  buffer: ArrayBuffer;
  name: string;
}

export type ParseReply =
  | { type: 'progress'; phase: 'decode' | 'parse'; fraction: number }
  | { type: 'done'; issue: Issue }
  | { type: 'error'; code: IssueErrorCode; message: string; detail: string | undefined; why?: Why }
  | { type: 'crash'; message: string };

async function readBlob(blob: Blob, onFraction: (f: number) => void, cancelled: () => boolean): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let at = 0;
  for (;;) {
    if (cancelled()) {
      await reader.cancel();
      break;
    }
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, at);
    at += value.length;
    onFraction(blob.size ? at / blob.size : 1);
  }
  return bytes.buffer;
}

export function parseInWorker(input: Blob | ArrayBuffer, name: string, onProgress?: (p: ParseProgress) => void): ParseJob {
  let worker: Worker | undefined;
  let settled = false;
  let stopped!: () => void;
  const workerStopped = new Promise<void>((resolve) => (stopped = resolve));
  let resolveJob!: (issue: Issue) => void;
  let rejectJob!: (reason: unknown) => void;
  const promise = new Promise<Issue>((resolve, reject) => {
    resolveJob = resolve;
    rejectJob = reject;
  });

  const settle = (outcome: { issue: Issue } | { error: unknown }) => {
    if (settled) return;
    settled = true;
    worker?.terminate();
    worker = undefined;
    stopped();
    if ('issue' in outcome) resolveJob(outcome.issue);
    else rejectJob(outcome.error);
  };

  const start = (buffer: ArrayBuffer) => {
    if (settled) return;
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'proofroom-parse' });
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        if (!settled) onProgress?.({ phase: reply.phase, fraction: reply.fraction });
      } else if (reply.type === 'done') settle({ issue: reply.issue });
      else if (reply.type === 'error') settle({ error: new IssueError(reply.code, reply.message, reply.detail, reply.why) });
      else settle({ error: new Error(`The parser failed: ${reply.message}`) });
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      settle({ error: new Error(`The parser could not run: ${event.message || 'the worker failed to start'}`) });
    };
    const request: ParseRequest = { buffer, name };
    worker.postMessage(request, [buffer]);
  };

  let reading: Promise<void> = Promise.resolve();
  if (input instanceof ArrayBuffer) start(input);
  else {
    onProgress?.({ phase: 'read', fraction: 0 });
    // A failure to read, or to start the worker, ends the job with that error.
    reading = readBlob(input, (fraction) => settled || onProgress?.({ phase: 'read', fraction }), () => settled)
      .then(start)
      .catch((error: unknown) => settle({ error }));
  }

  return {
    promise,
    cancel: () => settle({ error: new DOMException('Parsing was cancelled.', 'AbortError') }),
    finished: Promise.all([workerStopped, reading]).then(() => undefined),
  };
}
