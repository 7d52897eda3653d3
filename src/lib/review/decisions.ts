// The decisions on a note (resolve, reopen, accept, reject) as a small graph: each names the ones it
// was made on top of. The heads (decisions nobody has superseded) give the note's status; heads that
// disagree are a conflict, shown as such until someone decides again on top of all of them. Before
// decisions were kept, a status was one last-writer-wins key (`s`), which still reads as before.
//
// A decision is `d/<id>` → [authorId, name, colour, at, status, proofId or '', supersedes: id[]].

import type { Decision, NoteStatus } from './types.ts';

/** The heads: decisions no other decision supersedes, oldest first. */
export function heads(decisions: readonly Decision[]): Decision[] {
  const replaced = new Set(decisions.flatMap((d) => d.supersedes));
  return decisions.filter((d) => !replaced.has(d.id));
}

/**
 * The status a note shows and whether its decisions disagree. With no decisions, the stored `s`
 * key decides (`fallback`). Disagreeing heads show the latest one's status, flagged as a conflict.
 */
export function effectiveStatus(decisions: readonly Decision[], fallback: NoteStatus): { status: NoteStatus; conflict: Decision[] | null } {
  if (decisions.length === 0) return { status: fallback, conflict: null };
  const top = heads(decisions);
  const latest = top.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.id > a.id) ? b : a));
  const disagree = top.some((d) => d.status !== latest.status);
  return { status: latest.status, conflict: disagree ? top : null };
}

/** Sorts decisions oldest first (time, then id), in place. */
export function byTime(decisions: Decision[]): Decision[] {
  return decisions.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
