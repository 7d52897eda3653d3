// What reviewers decided about the parser's stitches (a block's `joins`: two extracted lines it
// joined back into one paragraph across a page or column break). Root `stitches`, key
// `<proofId>:<blockId>@<at>` (the proof's issue id, the block, the join's offset), value
// `[status, authorId, authorName, authorColour, at]`; status `split`: "these were two paragraphs".
// Deleting the key restores the stitch. The issue text never changes: a split is shown as a paragraph
// break inside the same block, so notes keep their block and offsets. Read field by field: a field
// that cannot be read takes its default, an entry with no readable key or status is skipped and counted.

import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from './origin.ts';
import { LIMITS, type Author } from './types.ts';

export const STITCHES_ROOT = 'stitches';
export const stitchesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(STITCHES_ROOT);

export type StitchStatus = 'split';

export interface StitchDecision {
  status: StitchStatus;
  by: Author;
  at: number;
  /** Fields that could not be read and were given their default. */
  problems: string[];
}

export interface StitchesView {
  byKey: Map<string, StitchDecision>;
  /** Entries skipped: unreadable key, value or status. */
  skipped: number;
}

/** Most entries read (a peer could send millions). */
export const STITCHES_MAX = 100_000;
const KEY = /^[A-Za-z0-9_-]{0,64}:[^\s@]{1,200}@(\d{1,8})$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const GREY = '#6b7280';

/** The key of the join at offset `at` of block `blockId` in proof `proofId`. */
export function stitchKey(proofId: string, blockId: string, at: number): string {
  return `${proofId}:${blockId}@${at}`;
}

export function validateStitch(key: unknown, value: unknown): StitchDecision | null {
  if (typeof key !== 'string' || !KEY.test(key) || !Array.isArray(value)) return null;
  const [status, id, name, colour, at] = value as unknown[];
  if (status !== 'split') return null;
  const problems: string[] = [];
  const okName = typeof name === 'string' && name.length > 0 && name.length <= LIMITS.nameLength;
  const okColour = typeof colour === 'string' && COLOUR.test(colour);
  const okAt = typeof at === 'number' && Number.isFinite(at) && at >= 0;
  const okId = typeof id === 'string' && ID.test(id);
  if (!okId) problems.push('author');
  if (!okName) problems.push('name');
  if (!okColour) problems.push('colour');
  if (!okAt) problems.push('at');
  return {
    status,
    by: { id: okId ? id : '', name: okName ? name : '?', colour: okColour ? colour.toLowerCase() : GREY },
    at: okAt ? at : 0,
    problems,
  };
}

export function readStitches(doc: Y.Doc): StitchesView {
  const byKey = new Map<string, StitchDecision>();
  let skipped = 0;
  stitchesMap(doc).forEach((value, key) => {
    if (byKey.size >= STITCHES_MAX) return void skipped++;
    const d = validateStitch(key, value);
    if (d) byKey.set(key, d);
    else skipped++;
  });
  return { byKey, skipped };
}

/** "These two paragraphs were not one": shows the join as a paragraph break, for everyone. */
export function splitStitch(doc: Y.Doc, key: string, by: Author, now = Date.now()): boolean {
  const value = ['split', by.id, by.name, by.colour, now];
  const check = validateStitch(key, value);
  if (!check || check.problems.length > 0) return false;
  doc.transact(() => stitchesMap(doc).set(key, value), LOCAL_ORIGIN);
  return true;
}

/** Takes a split back: the paragraph is one again. */
export function restoreStitch(doc: Y.Doc, key: string): void {
  if (stitchesMap(doc).has(key)) doc.transact(() => stitchesMap(doc).delete(key), LOCAL_ORIGIN);
}
