// The parse worker: receives a file's bytes (transferred, not copied), runs the same loadIssue as the
// CLI, and posts back progress, the Issue, or the IssueError's code and message.

import { IssueError } from '../issue/errors.ts';
import { loadIssue } from '../issue/load.ts';
import type { ParseReply, ParseRequest } from './parse-client.ts';

/** The part of DedicatedWorkerGlobalScope used here (named locally so DOM-only configs type-check it too). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
}

const scope = self as unknown as WorkerScope;
const post = (reply: ParseReply): void => scope.postMessage(reply);

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { buffer, name } = event.data;
  let lastPhase = '';
  let lastStep = -1;
  try {
    const issue = loadIssue(new Uint8Array(buffer), name, ({ phase, fraction }) => {
      // At most one message per percent: a chatty parser must not flood the main thread.
      const step = Math.floor(fraction * 100);
      if (phase === lastPhase && step === lastStep) return;
      lastPhase = phase;
      lastStep = step;
      post({ type: 'progress', phase, fraction });
    });
    post({ type: 'done', issue });
  } catch (err) {
    if (err instanceof IssueError) post({ type: 'error', code: err.code, message: err.message, detail: err.detail, why: err.why });
    else post({ type: 'crash', message: err instanceof Error ? err.message : String(err) });
  }
};
