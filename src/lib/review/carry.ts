// Where each note of earlier proofs is found in a later proof, and its 核红 status there, kept in the
// review (root map `carry`) so every colleague sees the same result: whoever adds a proof writes
// them for every note then, and anyone who later sees a note without one (an offline colleague's
// note arriving after the new proof) computes and writes it. A peer can write anything here: each
// record is validated field by field like a note, and an unreadable one counts as missing.
//
// Key `<noteId>><proofId>`; value [status, articleId, blockId, start, endBlockId, end, quote, prefix,
// suffix, how, at], the target fields empty for a note that could not be found (orphaned).

import type * as Y from 'yjs';
import type { Target } from '../anchor/target.ts';
import { LIMITS } from './types.ts';

export const CARRY_ROOT = 'carry';
export const carryMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CARRY_ROOT);

/** 已改, 未改, 改动不符, 已改但附近另有改动 (suggestions); unchanged, text changed (other notes); 无法定位. */
export const CARRY_STATUSES = ['applied', 'not-applied', 'changed', 'applied-with-changes', 'unchanged', 'orphaned'] as const;
export type CarryStatus = (typeof CARRY_STATUSES)[number];
export const CARRY_HOWS = ['exact', 'moved', 'fuzzy', 'other-article', ''] as const;

export interface CarryRecord {
  noteId: string;
  proofId: string;
  status: CarryStatus;
  /** Where the note is in that proof; null when it could not be found. */
  target: Target | null;
  how: (typeof CARRY_HOWS)[number];
  at: number;
}

export const carryKey = (noteId: string, proofId: string): string => `${noteId}>${proofId}`;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const offset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LIMITS.offset;

/** One record, validated; null when it cannot be read (then the note counts as not carried yet). */
export function validateCarry(key: unknown, value: unknown): CarryRecord | null {
  if (typeof key !== 'string') return null;
  const [noteId, proofId, extra] = key.split('>');
  if (!noteId || !proofId || extra !== undefined || !ID.test(noteId) || !ID.test(proofId)) return null;
  if (!Array.isArray(value) || value.length !== 11) return null;
  const [status, articleId, blockId, start, endBlockId, end, quote, prefix, suffix, how, at] = value as unknown[];
  if (!(CARRY_STATUSES as readonly unknown[]).includes(status) || !(CARRY_HOWS as readonly unknown[]).includes(how)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const base = { noteId, proofId, status: status as CarryStatus, how: how as CarryRecord['how'], at };
  if (status === 'orphaned') return { ...base, target: null };
  if (!str(articleId, LIMITS.blockIdLength) || !str(blockId, LIMITS.blockIdLength) || !str(endBlockId, LIMITS.blockIdLength)) return null;
  if (!articleId || !blockId || !offset(start) || !offset(end)) return null;
  if (!str(quote, LIMITS.quoteLength) || !str(prefix, LIMITS.contextLength) || !str(suffix, LIMITS.contextLength)) return null;
  const endBlock = endBlockId || blockId;
  if (endBlock === blockId && end < start) return null;
  return { ...base, target: { articleId, blockId, start, endBlockId: endBlock, end, quote, prefix, suffix } };
}

/** Records per proof id, then per note id. */
export function readCarry(doc: Y.Doc): Map<string, Map<string, CarryRecord>> {
  const out = new Map<string, Map<string, CarryRecord>>();
  carryMap(doc).forEach((value, key) => {
    const r = validateCarry(key, value);
    if (!r) return;
    let forProof = out.get(r.proofId);
    if (!forProof) out.set(r.proofId, (forProof = new Map()));
    forProof.set(r.noteId, r);
  });
  return out;
}

export interface CarryWrite {
  noteId: string;
  status: CarryStatus;
  target: Target | null;
  how: CarryRecord['how'];
}

/** Writes records for `proofId` (call inside the caller's transaction to keep them with the proof). */
export function writeCarry(doc: Y.Doc, proofId: string, records: readonly CarryWrite[], now: number = Date.now()): void {
  const map = carryMap(doc);
  for (const r of records) {
    const t = r.target;
    const clip = (s: string, max: number) => s.slice(0, max);
    const value = t
      ? [r.status, t.articleId, t.blockId, t.start, t.endBlockId === t.blockId ? '' : t.endBlockId, t.end,
         clip(t.quote, LIMITS.quoteLength), clip(t.prefix, LIMITS.contextLength), clip(t.suffix, LIMITS.contextLength), r.how, now]
      : ['orphaned', '', '', 0, '', 0, '', '', '', r.how, now];
    map.set(carryKey(r.noteId, proofId), value);
  }
}
