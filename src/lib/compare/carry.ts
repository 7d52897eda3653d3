// Carry one note of the old proof over to the new one. Its passage is first found in the old proof
// (its own offsets, or anchor's findTarget when they drifted), then placed in the new proof by the
// diff of its article pair — exact when nothing moved, through reflow and edits elsewhere. When the
// diff cannot place it (see locate.ts) or the passage was deleted, fuzzy quote matching looks in the
// same article, then where new text appeared in other articles (fallback.ts). Suggestions are then
// checked (check-suggestion.ts); other notes are unchanged, changed, or orphaned. Never throws: a
// note that cannot be read or found is orphaned with its old quote and context.
//
// `how` says where the passage was found, not whether its text changed (the status says that):
// 'exact' when it starts at the same block position and offset as before.
//
//   carryNote(proofs, elsewhere, note) → {carried, old}; `old` is the passage in the old proof
//   (article offsets), used to decide which changes a note asked for.

import { articleText, toArticleOffset } from '../anchor/article-text.ts';
import { describeRange } from '../anchor/describe.ts';
import { findTarget } from '../anchor/find.ts';
import type { Target } from '../anchor/target.ts';
import type { Article } from '../issue/types.ts';
import { checkSuggestion } from './check-suggestion.ts';
import type { Elsewhere, SearchOptions, Spot } from './fallback.ts';
import { locate } from './locate.ts';
import type { Proofs } from './proofs.ts';
import { bare } from './similarity.ts';
import { sameStart, targetAt } from './targets.ts';
import type { Carried, CarryHow, CarryInput, CarryStatus } from './types.ts';

export interface CarryResult {
  carried: Carried;
  old: { articleId: string; start: number; end: number } | null;
}

const isText = (s: unknown): s is string => typeof s === 'string';
const BLANK: Target = { articleId: '', blockId: '', start: 0, endBlockId: '', end: 0, quote: '', prefix: '', suffix: '' };

function readable(t: Target | null | undefined): t is Target {
  return (
    !!t && isText(t.articleId) && isText(t.blockId) && isText(t.endBlockId) && isText(t.quote) && isText(t.prefix) &&
    isText(t.suffix) && Number.isInteger(t.start) && Number.isInteger(t.end)
  );
}

interface OldPassage {
  start: number;
  end: number;
  target: Target;
}

/** The passage in the old proof: offsets in its article, and the target describing it there. */
function resolveOld(proofs: Proofs, target: Target): OldPassage | null {
  const side = proofs.oldSide(target.articleId);
  if (!side) return null;
  const s = toArticleOffset(side.at, target.blockId, target.start);
  const e = toArticleOffset(side.at, target.endBlockId, target.end);
  if (s !== null && e !== null && s <= e && side.at.text.slice(s, e) === target.quote) return { start: s, end: e, target };
  const found = findTarget(side.article, target);
  if (!found.range) return null;
  const fs = toArticleOffset(side.at, found.range.blockId, found.range.start);
  const fe = toArticleOffset(side.at, found.range.endBlockId, found.range.end);
  const described = describeRange(side.article, found.range);
  return fs === null || fe === null || !described ? null : { start: fs, end: fe, target: described };
}

/** A suggestion as "replace [start, end) (quote) with proposal"; an insertion with a quote inserts after it. */
interface Ask {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  proposal: string;
}

function askOf(note: CarryInput, t: Target, start: number, end: number): Ask | null {
  const s = note.kind === 'suggestion' ? note.suggestion : null;
  if (!s || !isText(s.text) || !['replace', 'insert', 'delete'].includes(s.op)) return null;
  if (s.op === 'insert' && t.quote.length > 0) {
    return { start: end, end, quote: '', prefix: t.prefix + t.quote, suffix: t.suffix, proposal: s.text };
  }
  return { start, end, quote: t.quote, prefix: t.prefix, suffix: t.suffix, proposal: s.op === 'delete' ? '' : s.text };
}

function orphan(note: CarryInput, oldTarget: Target): Carried {
  return { noteId: String(note?.id ?? ''), status: 'orphaned', target: null, how: null, oldTarget };
}

/** `from` is where the passage started in the old proof (for an insertion after a quote: the quote's end). */
function placed(
  note: CarryInput, oldTarget: Target, status: CarryStatus, article: Article, start: number, end: number, how?: CarryHow, from: Target = oldTarget,
): Carried {
  const target = targetAt(article, start, end);
  if (!target) return orphan(note, oldTarget);
  return { noteId: String(note.id), status, target, how: how ?? (sameStart(target, from) ? 'exact' : 'moved'), oldTarget };
}

function fromSpot(note: CarryInput, oldTarget: Target, status: CarryStatus, spot: Spot): Carried {
  return placed(note, oldTarget, status, spot.article, spot.start, spot.end, spot.other ? 'other-article' : 'fuzzy');
}

/** A note that is not a suggestion, searched for by its quote (or, for a point, its prefix and suffix). */
function searchNote(elsewhere: Elsewhere, note: CarryInput, t: Target, own: Article | null, options: SearchOptions): Carried | null {
  const spot = t.quote.length > 0 ? elsewhere.quote(own, t.quote, t.prefix, t.suffix, options) : elsewhere.point(own, t.prefix, t.suffix, options);
  if (!spot) return null;
  const now = articleText(spot.article).text.slice(spot.start, spot.end);
  return fromSpot(note, t, bare(now) === bare(t.quote) ? 'unchanged' : 'changed', spot);
}

/** A suggestion searched for: its proposal between its prefix and suffix (applied), or its old text there. */
function searchSuggestion(elsewhere: Elsewhere, note: CarryInput, t: Target, ask: Ask, own: Article | null, options: SearchOptions): Carried | null {
  const { prefix, suffix } = ask;
  const done =
    ask.proposal.length > 0
      ? elsewhere.quote(own, ask.proposal, prefix, suffix, { ...options, minAgreement: 0.75 })
      : elsewhere.point(own, prefix, suffix, options);
  const left = ask.quote.length > 0 ? elsewhere.quote(own, ask.quote, prefix, suffix, options) : elsewhere.point(own, prefix, suffix, options);
  if (done && (!left || done.agreement > left.agreement || (done.agreement === left.agreement && ask.quote.length === 0))) {
    return fromSpot(note, t, 'applied', done);
  }
  if (left) return fromSpot(note, t, left.errors === 0 ? 'not-applied' : 'changed', left);
  return null;
}

function carry(proofs: Proofs, elsewhere: Elsewhere, note: CarryInput): CarryResult {
  const given = note.target;
  if (!readable(given)) return { carried: orphan(note, { ...BLANK, ...(given && typeof given === 'object' ? (given as object) : {}) }), old: null };
  const old = resolveOld(proofs, given);
  const oldTarget = old?.target ?? given;
  const pair = old ? proofs.pair(given.articleId) : null;
  const own = pair?.neu.article ?? proofs.newSide(proofs.articles.get(given.articleId) ?? given.articleId)?.article ?? null;
  const ask = askOf(note, oldTarget, old?.start ?? 0, old?.end ?? 0);
  // A note on an article the old proof does not have may be anywhere in the new one.
  const everywhere = !proofs.oldSide(given.articleId);
  const search = (hint?: number) => {
    const options: SearchOptions = hint === undefined ? { everywhere } : { hint, everywhere };
    return ask ? searchSuggestion(elsewhere, note, oldTarget, ask, own, options) : searchNote(elsewhere, note, oldTarget, own, options);
  };
  const result = (carried: Carried | null): CarryResult => ({
    carried: carried ?? orphan(note, oldTarget),
    old: old ? { articleId: oldTarget.articleId, start: old.start, end: old.end } : null,
  });

  if (!old || !pair) return result(search());
  const where = locate(pair, ask ? ask.start : old.start, ask ? ask.end : old.end);
  const from = ask && ask.start !== old.start ? (targetAt(pair.old.article, ask.start, ask.end) ?? oldTarget) : oldTarget;
  const inPlace = (status: CarryStatus, start: number, end: number) =>
    placed(note, oldTarget, status, pair.neu.article, start, end, undefined, from);

  if (where.trusted) {
    if (ask) {
      const v = checkSuggestion(pair, proofs.interner, ask.start, ask.end, ask.proposal);
      return result(inPlace(v.status, v.start, v.end));
    }
    if (where.untouched) return result(inPlace('unchanged', where.start, where.end));
    // A point keeps its place; a passage deleted whole may have moved, else it is gone.
    if (where.end > where.start || where.i0 === where.i1) return result(inPlace('changed', where.start, where.end));
    return result(search(where.start));
  }
  const found = search(where.start);
  if (found) return result(found);
  if (where.end > where.start) return result(inPlace('changed', where.start, where.end));
  return result(null);
}

export function carryNote(proofs: Proofs, elsewhere: Elsewhere, note: CarryInput): CarryResult {
  try {
    return carry(proofs, elsewhere, note);
  } catch {
    const t = note?.target;
    return { carried: orphan(note, readable(t) ? t : BLANK), old: null };
  }
}
