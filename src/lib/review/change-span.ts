// What a suggestion changes, for showing it: the characters that differ between the passage and the
// proposed text (common start and end trimmed, with a little context kept), and where an insertion
// goes. Pure string code, counted in code points so no surrogate pair is split.

import type { Target } from '../anchor/target.ts';

/** Characters of context kept on each side of a change or an insertion point. */
export const CHANGE_CONTEXT = 4;

/** A passage at most this long is shown whole: trimming it would hide more than it saves. */
export const SHORT_PASSAGE = 10;

export interface ChangeSpan {
  /** Unchanged text just before the change; `cutBefore` when more came before it. */
  before: string;
  cutBefore: boolean;
  /** The characters of the passage that go. */
  removed: string;
  /** The characters that come instead. */
  added: string;
  /** Unchanged text just after the change; `cutAfter` when more follows it. */
  after: string;
  cutAfter: boolean;
}

/**
 * The part of `original` that `proposed` changes, with up to `context` unchanged characters either
 * side. A short passage, or one that does not change, is given whole as `removed`.
 */
export function changeSpan(original: string, proposed: string, context = CHANGE_CONTEXT): ChangeSpan {
  const a = Array.from(original);
  const b = Array.from(proposed);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const same = start === a.length && start === b.length;
  if (a.length <= SHORT_PASSAGE || same || start + end === 0) {
    return { before: '', cutBefore: false, removed: original, added: proposed, after: '', cutAfter: false };
  }
  const from = Math.max(0, start - context);
  const to = Math.min(a.length, a.length - end + context);
  return {
    before: a.slice(from, start).join(''),
    cutBefore: from > 0,
    removed: a.slice(start, a.length - end).join(''),
    added: b.slice(start, b.length - end).join(''),
    after: a.slice(a.length - end, to).join(''),
    cutAfter: to < a.length,
  };
}

export interface InsertionPoint {
  /** Text just before the insertion point; `cutBefore` when more came before it. */
  before: string;
  cutBefore: boolean;
  /** Text just after it; `cutAfter` when more follows. */
  after: string;
  cutAfter: boolean;
}

/**
 * Where an insertion goes: at the caret for an empty passage, after the passage when one is selected
 * (as the export applies it). Context stops at a paragraph break.
 */
export function insertionPoint(target: Pick<Target, 'quote' | 'prefix' | 'suffix'>, context = CHANGE_CONTEXT): InsertionPoint {
  const lead = target.quote === '' ? target.prefix : target.quote;
  const line = lead.slice(lead.lastIndexOf('\n') + 1);
  const behind = Array.from(line);
  const trail = target.suffix;
  const nl = trail.indexOf('\n');
  const ahead = Array.from(nl < 0 ? trail : trail.slice(0, nl));
  return {
    before: behind.slice(Math.max(0, behind.length - context)).join(''),
    cutBefore: behind.length > context,
    after: ahead.slice(0, context).join(''),
    cutAfter: ahead.length > context,
  };
}
