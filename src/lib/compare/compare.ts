// Compare two proofs of one issue (一校 → 二校): match their articles, diff each matched pair on the
// whitespace-free token stream, carry every note of the old proof over (with 核红 for
// suggestions), and list the changes between the proofs — text, titles, contents, page numbers,
// masthead — each flagged by whether a note of the old proof covers it. Pure; odd notes, empty
// issues and articles without blocks never make it throw. Each note is carried on its own: its
// result does not depend on the other notes passed with it.
//
//   compareProofs(oldIssue, newIssue, notes) → ProofComparison (see types.ts)
//
// A change is `noted` when some note's old passage overlaps the change's old passage (for a
// point, an insertion or an insertion suggestion: when it touches it). Contents, pages and
// masthead changes have no passage in the text and are never noted.

import { contentsChanges } from './contents-changes.ts';
import { carryNote, type CarryResult } from './carry.ts';
import { Elsewhere } from './fallback.ts';
import { mastheadChanges } from './masthead-changes.ts';
import { Proofs } from './proofs.ts';
import { textChanges, type Located } from './text-changes.ts';
import type { Carried, CarryInput, Change, ProofComparison } from './types.ts';
import type { Issue } from '../issue/types.ts';

interface Passage {
  id: string;
  start: number;
  end: number;
}

function covers(p: Passage, start: number, end: number): boolean {
  if (p.start === p.end || start === end) return p.start <= end && start <= p.end;
  return p.start < end && start < p.end;
}

function markNoted(located: Located[], results: CarryResult[], notes: readonly CarryInput[]): void {
  const byArticle = new Map<string, Passage[]>();
  results.forEach((r, k) => {
    if (!r.old) return;
    const list = byArticle.get(r.old.articleId) ?? byArticle.set(r.old.articleId, []).get(r.old.articleId)!;
    list.push({ id: String(notes[k]!.id), start: r.old.start, end: r.old.end });
  });
  for (const { change, old } of located) {
    if (!old) continue;
    const ids = (byArticle.get(old.articleId) ?? []).filter((p) => covers(p, old.start, old.end)).map((p) => p.id);
    change.noted = ids.length > 0;
    change.noteIds = ids;
  }
}

export function compareProofs(oldIssue: Issue, newIssue: Issue, notes: readonly CarryInput[]): ProofComparison {
  const proofs = new Proofs(oldIssue, newIssue);
  const located = textChanges(proofs);
  const elsewhere = new Elsewhere(proofs);
  const list = Array.isArray(notes) ? notes : [];
  const results = list.map((note) => carryNote(proofs, elsewhere, note));
  markNoted(located, results, list);
  const carried: Carried[] = results.map((r) => r.carried);
  const changes: Change[] = [
    ...mastheadChanges(oldIssue, newIssue),
    ...contentsChanges(proofs),
    ...located.map((l) => l.change),
  ];
  return { articles: new Map(proofs.articles), carried, changes };
}
