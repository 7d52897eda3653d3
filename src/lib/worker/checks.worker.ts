// The checks worker: runs every enabled automatic check (src/lib/checks) over one proof, off the
// main thread, and posts the findings back (or why it could not).

import { CHECKS, runChecks } from '../checks/registry.ts';
import type { ChecksReply, ChecksRequest } from './checks-client.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ChecksRequest>) => void) | null;
  postMessage(message: ChecksReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent<ChecksRequest>) => {
  const { id, issue, options } = event.data;
  try {
    scope.postMessage({ id, findings: runChecks(issue, options), checks: CHECKS.map((c) => ({ id: c.id, label: c.label })) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
