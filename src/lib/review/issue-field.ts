// The parsed issue inside the review doc, so a peer who opens a link receives the text.
// Written once per issue (idempotent), read back through the issue's own JSON validator
// (issue/issue-json.ts), since a peer may have sent it. An issue too big to travel in the review
// is named instead (its id and size), so a colleague who joins learns to open the file themselves.

import type * as Y from 'yjs';
import { IssueError } from '../issue/errors.ts';
import { parseIssueJson } from '../issue/issue-json.ts';
import type { Issue } from '../issue/types.ts';
import { issueMap } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { LIMITS, type InvalidEntry } from './types.ts';

/**
 * Keys of the `issue` map: `id` (the issue id, for a cheap check), `json` (the Issue as compact
 * JSON), or instead of `json`, `size` (its length in characters) when it is too big to share.
 */
export const ISSUE_KEY = { id: 'id', json: 'json', size: 'size' } as const;

export interface IssueRead {
  /** Null when the doc has no issue yet, or the one it has is invalid or only named. */
  issue: Issue | null;
  invalid: InvalidEntry | null;
  /** The issue is in the review by name only: too big to travel in it. */
  tooLarge: { id: string; chars: number } | null;
}

const cache = new WeakMap<Y.Doc, { json: unknown; read: IssueRead }>();
const NONE: IssueRead = { issue: null, invalid: null, tooLarge: null };

function parse(json: unknown, limit: number): IssueRead {
  const bad = (reason: string): IssueRead => ({ ...NONE, invalid: { kind: 'issue', key: 'issue', reason } });
  if (typeof json !== 'string') return bad('not a string');
  if (json.length > limit) return bad('too large');
  try {
    return { ...NONE, issue: parseIssueJson(json) };
  } catch (e) {
    return bad(e instanceof IssueError ? e.message : 'unreadable');
  }
}

/** The issue held by the doc, validated (cached per doc until the stored JSON changes). */
export function readIssue(doc: Y.Doc): IssueRead {
  const map = issueMap(doc);
  const json = map.get(ISSUE_KEY.json);
  if (json === undefined) {
    const id = map.get(ISSUE_KEY.id);
    const size = map.get(ISSUE_KEY.size);
    if (typeof id === 'string' && id.length <= LIMITS.idLength && typeof size === 'number' && Number.isFinite(size)) {
      return { ...NONE, tooLarge: { id, chars: size } };
    }
    // Keys without text: a peer emptied the map, or wrote something else into it.
    return map.size === 0 ? NONE : { ...NONE, invalid: { kind: 'issue', key: 'issue', reason: 'no issue text' } };
  }
  const cached = cache.get(doc);
  if (cached && cached.json === json) return cached.read;
  const read = parse(json, LIMITS.issueLength);
  cache.set(doc, { json, read });
  return read;
}

export type IssueWrite = 'written' | 'unchanged' | 'conflict' | 'too-large';

/**
 * Put the issue into the doc once. `unchanged` when the doc already holds this issue, `conflict`
 * when it holds a different valid one (nothing is written then, unless `replace`), `too-large`
 * when its JSON is over `limit` characters (the doc then names it: id and size). Throws on an
 * issue that would not pass validation (a programming error, never peer data).
 */
export function setIssue(
  doc: Y.Doc,
  issue: Issue,
  { replace = false, limit = LIMITS.issueLength }: { replace?: boolean; limit?: number } = {},
): IssueWrite {
  // The id key answers the common case without parsing megabytes of issue JSON (unless that JSON
  // is already known to be bad or another issue's: then it is written again).
  const map = issueMap(doc);
  const stored = map.get(ISSUE_KEY.json);
  const cached = cache.get(doc);
  const knownBad = cached !== undefined && cached.json === stored && cached.read.issue?.id !== issue.id;
  if (map.get(ISSUE_KEY.id) === issue.id && typeof stored === 'string' && !knownBad) return 'unchanged';
  const current = readIssue(doc);
  if (current.issue?.id === issue.id) return 'unchanged';
  if (current.issue && !replace) return 'conflict';
  const json = JSON.stringify(issue);
  if (json.length > limit) {
    if (current.tooLarge?.id === issue.id && current.tooLarge.chars === json.length) return 'too-large';
    doc.transact(() => {
      map.delete(ISSUE_KEY.json);
      map.set(ISSUE_KEY.id, issue.id);
      map.set(ISSUE_KEY.size, json.length);
    }, LOCAL_ORIGIN);
    return 'too-large';
  }
  const check = parse(json, limit);
  if (!check.issue) throw new TypeError(`setIssue: not a valid issue (${check.invalid?.reason ?? 'unknown'})`);
  doc.transact(() => {
    for (const key of Array.from(map.keys())) if (key !== ISSUE_KEY.id && key !== ISSUE_KEY.json) map.delete(key);
    map.set(ISSUE_KEY.id, issue.id);
    map.set(ISSUE_KEY.json, json);
  }, LOCAL_ORIGIN);
  return 'written';
}
