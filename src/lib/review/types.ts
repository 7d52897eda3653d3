// The review's data as the app sees it after validation: notes, replies, sign-offs, and the caps
// every value read from the shared doc is checked against.

import type { Target } from '../anchor/target.ts';

export type { Target };

export const NOTE_KINDS = ['highlight', 'comment', 'question', 'suggestion'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** 错别字 typo, 标点 punctuation, 事实 fact, 格式 layout, 文风 style, 其他 other. */
export const CATEGORIES = ['typo', 'punctuation', 'fact', 'layout', 'style', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUGGESTION_OPS = ['replace', 'insert', 'delete'] as const;
export type SuggestionOp = (typeof SUGGESTION_OPS)[number];

/** `accepted` and `rejected` are for suggestions only. */
export const NOTE_STATUSES = ['open', 'resolved', 'accepted', 'rejected'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export const HIGHLIGHT_COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange'] as const;
export type HighlightColour = (typeof HIGHLIGHT_COLOURS)[number];

export interface Author {
  id: string;
  name: string;
  /** `#rrggbb` */
  colour: string;
}

export interface Suggestion {
  op: SuggestionOp;
  /** The proposed text ('' for a deletion). */
  text: string;
}

export interface Reply {
  id: string;
  author: Author;
  body: string;
  created: number;
  /** Null when never edited. */
  edited: number | null;
  /** Fields a peer wrote badly, shown with safe defaults instead; empty when all is well. */
  problems: FieldProblem[];
}

/**
 * One resolve, reopen, accept or reject. Each names the decisions it was made on top of (those the
 * person saw as current), so two made apart (offline) on the same state are both kept and, when
 * they disagree, shown as a conflict until a later decision settles it.
 */
export interface Decision {
  id: string;
  author: Author;
  status: NoteStatus;
  at: number;
  /** The proof it was made in (issue id), or null for the first. */
  proof: string | null;
  /** Ids of the decisions it replaced. */
  supersedes: string[];
}

export interface Note {
  id: string;
  target: Target;
  kind: NoteKind;
  category: Category;
  /** Null: paint in the category's colour. */
  colour: HighlightColour | null;
  author: Author;
  created: number;
  edited: number | null;
  status: NoteStatus;
  body: string;
  /** Present exactly when kind is `suggestion`. */
  suggestion: Suggestion | null;
  /** Oldest first. */
  replies: Reply[];
  /** The proof it was made on (that proof's issue id), or null for the review's first proof. */
  proof: string | null;
  /** Every decision on it, oldest first (empty for notes decided before decisions were kept). */
  decisions: Decision[];
  /** Decisions made apart that disagree, until one made on top of them settles it; else null. */
  conflict: Decision[] | null;
  /** Fields a peer wrote badly, shown with safe defaults instead; empty when all is well. */
  problems: FieldProblem[];
}

export interface SignOff {
  articleId: string;
  /** The proof it was made in (issue id), or null for the first. */
  proof: string | null;
  author: Author;
  at: number;
  problems: FieldProblem[];
}

/**
 * The fields of a note, reply or sign-off that can be damaged one at a time. A damaged field is
 * read as its safe default (see validate.ts) and reported; the rest of the entry is shown.
 */
export const FIELDS = [
  'article', 'block', 'start', 'end-block', 'end', 'quote', 'prefix', 'suffix', 'kind', 'op', 'proposal',
  'author', 'author-name', 'author-colour', 'created', 'edited', 'body', 'category', 'colour', 'status', 'at', 'proof',
] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldProblem {
  field: Field;
  reason: string;
}

/** An entry of the shared doc that could not be read at all and was left out of what the app sees. */
export interface InvalidEntry {
  kind: 'note' | 'reply' | 'decision' | 'sign-off' | 'issue';
  /** The entry's key in the doc (truncated). */
  key: string;
  reason: string;
}

/** Caps checked on every read (and before every write). */
export const LIMITS = {
  idLength: 64,
  blockIdLength: 200,
  offset: 10_000_000,
  quoteLength: 10_000,
  contextLength: 200,
  bodyLength: 10_000,
  suggestionLength: 10_000,
  replyLength: 10_000,
  repliesPerNote: 1_000,
  nameLength: 100,
  /** Characters of the issue JSON. */
  issueLength: 50_000_000,
} as const;

/** Outcome of a write: applied, or why not. */
export type WriteResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'invalid'; detail?: string };
