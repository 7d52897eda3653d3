// Sign-offs: a reviewer declares an article proofread, or takes that back. One key per
// (article, reviewer), so concurrent sign-offs by different people never collide.

import type * as Y from 'yjs';
import { ledgerMap, signOffKey } from './doc.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { Author, WriteResult } from './types.ts';
import { validateSignOff } from './validate.ts';

export function signOff(doc: Y.Doc, articleId: string, author: Author, now: number = Date.now(), proof: string | null = null): WriteResult {
  const key = signOffKey(articleId, author.id, proof);
  const value = [author.name, author.colour, now];
  const check = validateSignOff(key, value);
  if (!check.ok) return { ok: false, reason: 'invalid', detail: check.invalid.reason };
  if (check.signOff.problems.length > 0) return { ok: false, reason: 'invalid', detail: check.signOff.problems.map((p) => p.field).join(', ') };
  doc.transact(() => ledgerMap(doc).set(key, value), LOCAL_ORIGIN);
  return { ok: true, id: key };
}

/** Withdraw your own sign-off of an article. */
export function revokeSignOff(doc: Y.Doc, articleId: string, userId: string, proof: string | null = null): WriteResult {
  const key = signOffKey(articleId, userId, proof);
  const ledger = ledgerMap(doc);
  if (!ledger.has(key)) return { ok: false, reason: 'not-found' };
  doc.transact(() => ledger.delete(key), LOCAL_ORIGIN);
  return { ok: true, id: key };
}
