// The parsed issue inside the review doc, so a peer who opens a link receives the text.
// Written once per issue (idempotent), read back through the issue's own JSON validator
// (issue/issue-json.ts), since a peer may have sent it.

import type * as Y from 'yjs';
import { IssueError } from '../issue/errors.ts';
import { parseIssueJson } from '../issue/issue-json.ts';
import type { Issue } from '../issue/types.ts';
import { issueMap } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { LIMITS, type InvalidEntry } from './types.ts';

/** Keys of the `issue` map: `id` (the issue id, for a cheap check) and `json` (the Issue as compact JSON). */
export const ISSUE_KEY = { id: 'id', json: 'json' } as const;

export interface IssueRead {
  /** Null when the doc has no issue yet, or the one it has is invalid. */
  issue: Issue | null;
  invalid: InvalidEntry | null;
}

const cache = new WeakMap<Y.Doc, { json: unknown; read: IssueRead }>();

function parse(json: unknown): IssueRead {
  const bad = (reason: string): IssueRead => ({ issue: null, invalid: { kind: 'issue', key: 'issue', reason } });
  if (typeof json !== 'string') return bad('not a string');
  if (json.length > LIMITS.issueLength) return bad('too large');
  try {
    return { issue: parseIssueJson(json), invalid: null };
  } catch (e) {
    return bad(e instanceof IssueError ? e.message : 'unreadable');
  }
}

/** The issue held by the doc, validated (cached per doc until the stored JSON changes). */
export function readIssue(doc: Y.Doc): IssueRead {
  const json = issueMap(doc).get(ISSUE_KEY.json);
  if (json === undefined) return { issue: null, invalid: null };
  const cached = cache.get(doc);
  if (cached && cached.json === json) return cached.read;
  const read = parse(json);
  cache.set(doc, { json, read });
  return read;
}

/**
 * Put the issue into the doc once. `unchanged` when the doc already holds this issue,
 * `conflict` when it holds a different valid one (nothing is written then). Throws on an
 * issue that would not pass validation (a programming error, never peer data).
 */
export function setIssue(doc: Y.Doc, issue: Issue): 'written' | 'unchanged' | 'conflict' {
  // The id key answers the common case without parsing megabytes of issue JSON.
  const map = issueMap(doc);
  if (map.get(ISSUE_KEY.id) === issue.id && typeof map.get(ISSUE_KEY.json) === 'string') return 'unchanged';
  const current = readIssue(doc).issue;
  if (current && current.id === issue.id) return 'unchanged';
  if (current) return 'conflict';
  const json = JSON.stringify(issue);
  const check = parse(json);
  if (!check.issue) throw new TypeError(`setIssue: not a valid issue (${check.invalid?.reason ?? 'unknown'})`);
  doc.transact(() => {
    map.set(ISSUE_KEY.id, issue.id);
    map.set(ISSUE_KEY.json, json);
  }, LOCAL_ORIGIN);
  return 'written';
}
