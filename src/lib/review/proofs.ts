// The proofs of one issue in its review: the first proof is the `issue` map (issue-field.ts); each
// later proof (二校, 三校, …) is an entry of the `proofs` map, keyed by its issue id, written once by
// whoever opens it and received by everyone else by sync. Each proof's text is read-only.
//
// An entry is a Y.Map: `n` the round it was added as (2, 3, …), `j` the Issue as JSON (or, for one
// too big to travel, `z` its size), `a` who added it [id, name, colour], `t` when. Rounds are listed
// by (n, t, id): two people adding a round at once both keep theirs, one after the other.

import * as Y from 'yjs';
import { IssueError } from '../issue/errors.ts';
import { parseIssueJson } from '../issue/issue-json.ts';
import type { Issue } from '../issue/types.ts';
import { readIssue } from './issue-field.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { LIMITS, type Author } from './types.ts';

export const PROOFS_ROOT = 'proofs';
export const proofsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PROOFS_ROOT);

/** One proof of the review, in round order (index 0 is the first proof). */
export interface Proof {
  /** The proof's issue id (the first proof's is the review's). */
  id: string;
  /** 1-based position in the review: 1 = 一校. */
  round: number;
  /** Null while it has not arrived or cannot be read; see `tooLarge`/`problem`. */
  issue: Issue | null;
  /** Named only: too big to travel in the review (its JSON length). */
  tooLarge: number | null;
  /** Why a proof's entry could not be read. */
  problem: string | null;
  addedBy: Author | null;
  addedAt: number;
}

const KEY = { round: 'n', json: 'j', size: 'z', author: 'a', at: 't' } as const;

// Parsing megabytes of JSON once per version of the entry.
const parsed = new WeakMap<object, { json: string; issue: Issue | null; problem: string | null }>();

function parseEntry(entry: Y.Map<unknown>): { issue: Issue | null; problem: string | null } {
  const json = entry.get(KEY.json);
  if (typeof json !== 'string') return { issue: null, problem: typeof entry.get(KEY.size) === 'number' ? null : 'no text' };
  const cached = parsed.get(entry);
  if (cached && cached.json === json) return cached;
  let result: { issue: Issue | null; problem: string | null };
  if (json.length > LIMITS.issueLength) result = { issue: null, problem: 'too large' };
  else {
    try {
      result = { issue: parseIssueJson(json), problem: null };
    } catch (e) {
      result = { issue: null, problem: e instanceof IssueError ? e.message : 'unreadable' };
    }
  }
  parsed.set(entry, { json, ...result });
  return result;
}

function author(v: unknown): Author | null {
  if (!Array.isArray(v) || v.length !== 3) return null;
  const [id, name, colour] = v as unknown[];
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return {
    id,
    name: typeof name === 'string' && name.length > 0 && name.length <= LIMITS.nameLength ? name : '?',
    colour: typeof colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#6b7280',
  };
}

/**
 * Every proof of the review of `reviewId` (the first proof's issue id) in round order. The first is
 * the `issue` map's, listed with no issue until it arrives.
 */
export function readProofs(doc: Y.Doc, reviewId: string): Proof[] {
  const first = readIssue(doc);
  const firstId = reviewId;
  const later: Array<Omit<Proof, 'round'> & { claimed: number }> = [];
  proofsMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map) || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || id === firstId) return;
    const claimed = value.get(KEY.round);
    const at = value.get(KEY.at);
    const size = value.get(KEY.size);
    const { issue, problem } = parseEntry(value);
    later.push({
      id,
      claimed: typeof claimed === 'number' && Number.isInteger(claimed) && claimed >= 2 ? claimed : Number.MAX_SAFE_INTEGER,
      issue: issue?.id === id ? issue : null,
      tooLarge: typeof size === 'number' && Number.isFinite(size) ? size : null,
      problem: issue && issue.id !== id ? 'another issue under this id' : problem,
      addedBy: author(value.get(KEY.author)),
      addedAt: typeof at === 'number' && Number.isFinite(at) ? at : 0,
    });
  });
  later.sort((a, b) => a.claimed - b.claimed || a.addedAt - b.addedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const mine = first.issue?.id === reviewId ? first.issue : null;
  const proofs: Proof[] = [
    {
      id: firstId,
      round: 1,
      issue: mine,
      tooLarge: first.tooLarge?.id === reviewId ? first.tooLarge.chars : null,
      problem: first.invalid?.reason ?? (first.issue && !mine ? 'another issue' : null),
      addedBy: null,
      addedAt: 0,
    },
  ];
  for (const p of later) {
    const { claimed: _claimed, ...rest } = p;
    proofs.push({ ...rest, round: proofs.length + 1 });
  }
  return proofs;
}

export type ProofWrite = 'written' | 'unchanged' | 'too-large' | 'no-first-proof' | 'same-as-first';


/**
 * Adds `issue` as the next round of the review. `unchanged` when it is already one of its proofs.
 * The caller writes the carried notes in the same transaction (`also`), so peers never see the new
 * proof without them.
 */
export function addProof(
  doc: Y.Doc,
  reviewId: string,
  issue: Issue,
  by: Author,
  { now = Date.now(), limit = LIMITS.issueLength, also }: { now?: number; limit?: number; also?: () => void } = {},
): ProofWrite {
  const proofs = readProofs(doc, reviewId);
  if (!proofs[0]!.issue && proofs[0]!.tooLarge === null) return 'no-first-proof';
  if (reviewId === issue.id) return 'same-as-first';
  if (proofs.some((p) => p.id === issue.id && (p.issue || p.tooLarge !== null))) return 'unchanged';
  const json = JSON.stringify(issue);
  const entry = new Y.Map<unknown>();
  entry.set(KEY.round, proofs.length + 1);
  if (json.length > limit) entry.set(KEY.size, json.length);
  else entry.set(KEY.json, json);
  entry.set(KEY.author, [by.id, by.name, by.colour]);
  entry.set(KEY.at, now);
  doc.transact(() => {
    proofsMap(doc).set(issue.id, entry);
    also?.();
  }, LOCAL_ORIGIN);
  return json.length > limit ? 'too-large' : 'written';
}

/**
 * Writes a later proof back after a peer removed or damaged it (this device holds its text);
 * keeps the round it was added as. Returns whether anything was written.
 */
export function restoreProof(doc: Y.Doc, issue: Issue, round: number, by: Author | null, at: number): boolean {
  const current = proofsMap(doc).get(issue.id);
  if (current instanceof Y.Map && parseEntry(current).issue?.id === issue.id) return false;
  const entry = new Y.Map<unknown>();
  entry.set(KEY.round, round);
  entry.set(KEY.json, JSON.stringify(issue));
  if (by) entry.set(KEY.author, [by.id, by.name, by.colour]);
  entry.set(KEY.at, at);
  doc.transact(() => proofsMap(doc).set(issue.id, entry), LOCAL_ORIGIN);
  return true;
}
