// The notes a reader sees in one proof: those made in it, and those of earlier proofs carried into
// it (where they are now and their 核红 status, from the `carry` records). A carried note that could
// not be found is listed as such (无法定位), never dropped. A note of an earlier proof with no
// record yet (an offline colleague's, arriving after the proof) is pending: shown where it last
// was, for the views to anchor by its quote, until its record is written. Pure.

import type { Target } from '../anchor/target.ts';
import type { CarryRecord } from './carry.ts';
import type { Proof } from './proofs.ts';
import type { NoteCounts } from './read.ts';
import type { Note } from './types.ts';

export interface ProofNote {
  note: Note;
  /** Where it is in this proof; null when it could not be found here. */
  target: Target | null;
  /** Its record in this proof, when it was made in an earlier one and carried here. */
  carried: CarryRecord | null;
  /** Made in an earlier proof and not carried here yet: `target` is where it last was. */
  pending: boolean;
}

export interface ProofNotes {
  proofId: string;
  /** Every note visible in this proof, oldest first. */
  all: ProofNote[];
  /** By article of this proof (those with a target). */
  byArticle: Map<string, ProofNote[]>;
  /** Carried here but not found (无法定位). */
  orphans: ProofNote[];
  counts: Map<string, NoteCounts>;
}

/** The round (1-based) of the proof a note was made in; 0 when that proof is not in the review (yet). */
export function roundOf(note: Note, proofs: readonly Proof[]): number {
  if (note.proof === null) return 1;
  return proofs.find((p) => p.id === note.proof)?.round ?? 0;
}

export function notesInProof(
  notes: readonly Note[],
  proofs: readonly Proof[],
  carry: ReadonlyMap<string, ReadonlyMap<string, CarryRecord>>,
  proofId: string,
): ProofNotes {
  const proof = proofs.find((p) => p.id === proofId);
  const round = proof?.round ?? 1;
  const all: ProofNote[] = [];
  for (const note of notes) {
    const made = roundOf(note, proofs);
    if (made === 0 || made > round) continue;
    if (made === round) {
      all.push({ note, target: note.target, carried: null, pending: false });
      continue;
    }
    const record = carry.get(proofId)?.get(note.id);
    if (record) {
      all.push({ note, target: record.target, carried: record, pending: false });
      continue;
    }
    // Not carried here yet: where it last was, in the latest proof before this one that has it.
    let last: Target = note.target;
    for (let r = round - 1; r > made; r--) {
      const earlier = proofs[r - 1];
      const rec = earlier ? carry.get(earlier.id)?.get(note.id) : undefined;
      if (rec?.target) {
        last = rec.target;
        break;
      }
    }
    all.push({ note, target: last, carried: null, pending: true });
  }
  const byArticle = new Map<string, ProofNote[]>();
  const counts = new Map<string, NoteCounts>();
  const orphans: ProofNote[] = [];
  for (const item of all) {
    if (!item.target) {
      orphans.push(item);
      continue;
    }
    const id = item.target.articleId;
    let list = byArticle.get(id);
    if (!list) byArticle.set(id, (list = []));
    list.push(item);
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { total: 0, open: 0 }));
    c.total++;
    if (item.note.status === 'open') c.open++;
  }
  return { proofId, all, byArticle, orphans, counts };
}
