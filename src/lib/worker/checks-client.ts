// Running the automatic checks in a worker: one worker kept for the page, one request at a time
// answered; a newer request makes the answer to an older one be ignored. Reading never waits for it.

import type { CheckOptions, Finding, Message } from '../checks/types.ts';
import type { Issue } from '../issue/types.ts';

export interface ChecksRequest {
  id: number;
  issue: Issue;
  options: CheckOptions;
}

/** What a run gives: the findings, and every check there is (for switching them on and off). */
export interface ChecksResult {
  findings: Finding[];
  checks: Array<{ id: string; label: Message }>;
}

export type ChecksReply = ({ id: number } & ChecksResult) | { id: number; error: string };

/** Runs the checks; the check modules (with their character tables) stay out of the page's bundle. */
export type RunChecks = (issue: Issue, options: CheckOptions) => Promise<ChecksResult>;

/** A checker over a Web Worker; `destroy` ends it. */
export function workerChecks(): { run: RunChecks; destroy(): void } {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: ChecksResult) => void; reject: (e: Error) => void }>();
  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./checks.worker.ts', import.meta.url), { type: 'module', name: 'proofroom-checks' });
    w.onmessage = (event: MessageEvent<ChecksReply>) => {
      const reply = event.data;
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!job) return;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve({ findings: reply.findings, checks: reply.checks });
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      for (const job of waiting.values()) job.reject(new Error(event.message || 'the checks worker failed'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
    return (worker = w);
  };
  return {
    run(issue, options) {
      const id = next++;
      return new Promise<ChecksResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        start().postMessage({ id, issue, options } satisfies ChecksRequest);
      });
    },
    destroy() {
      worker?.terminate();
      worker = null;
      waiting.clear();
    },
  };
}
