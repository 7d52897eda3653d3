// The shapes a comparison of two proofs of one issue returns: where every note of the old proof is
// in the new one (carry-over), how far each suggestion was carried out (核红), and the changes
// between the proofs, each flagged by whether a note asked for it.

import type { Target } from '../anchor/target.ts';
import type { NoteKind, Suggestion } from '../review/types.ts';

/**
 * 已改 applied | 未改 not-applied | 改动不符 changed | 已改但附近另有改动 applied-with-changes |
 * 无法定位 orphaned. See check-suggestion.ts for the exact rules.
 */
export type SuggestionCheck = 'applied' | 'not-applied' | 'changed' | 'applied-with-changes' | 'orphaned';

/** Highlights, comments and questions: the passage is the same, its text changed, or it is gone. */
export type NoteCheck = 'unchanged' | 'changed' | 'orphaned';

export type CarryStatus = SuggestionCheck | NoteCheck;

/** What carry-over needs of a note made on the old proof. */
export interface CarryInput {
  id: string;
  kind: NoteKind;
  target: Target;
  /** Read only when kind is 'suggestion'; a suggestion without one is checked like a comment. */
  suggestion: Suggestion | null;
}

/**
 * How a note was found in the new proof:
 * - `exact`: through the diff of its article, starting at the same block position and offset (the
 *   article may have been retitled; whether its text changed is the status's business);
 * - `moved`: through the diff of its article, at another place (reflowed, or text before it changed);
 * - `fuzzy`: by fuzzy quote matching with prefix and suffix, in the same article;
 * - `other-article`: in another article of the new proof;
 * - null: not found (orphaned).
 */
export type CarryHow = 'exact' | 'moved' | 'fuzzy' | 'other-article';

export interface Carried {
  noteId: string;
  status: CarryStatus;
  /**
   * The note's passage in the new proof, a full Target there (quote, prefix and suffix read from the
   * new text). For an applied suggestion: where the proposed text now is (a point for a deletion).
   * Null when orphaned.
   */
  target: Target | null;
  how: CarryHow | null;
  /**
   * The note's passage in the old proof: its own target, or where it was found again when its
   * offsets no longer matched the old text. An orphan is shown with this quote and context.
   */
  oldTarget: Target;
}

export type ChangeKind = 'text' | 'title' | 'contents' | 'pages' | 'masthead';

export interface Change {
  kind: ChangeKind;
  /** Old and new article (null for masthead changes, and on the side where an article is missing). */
  oldArticleId: string | null;
  newArticleId: string | null;
  before: string;
  after: string;
  /**
   * Text and title changes: about ten characters on each side in the new proof (the old proof for
   * a pure deletion), whitespace runs shown as one space. Contents and pages: [section title,
   * entry title]. Masthead: [field name, board role or ''].
   */
  context: [string, string];
  /** Where in the new proof (a point for a deletion); null for contents, pages and masthead. */
  target: Target | null;
  /** Where in the old proof (a point for an insertion); null for contents, pages and masthead. */
  oldTarget: Target | null;
  /** Some note of the old proof covers (overlaps, or touches for points) this change's old passage. */
  noted: boolean;
  /** The notes that cover it, in input order. */
  noteIds: string[];
  /** A grouped change (contents page numbers that moved together): how many entries, and the shift. */
  group?: { count: number; shift?: number };
}

export interface ProofComparison {
  /** Old article id → new article id (matched even when the title changed); unmatched old articles are absent. */
  articles: Map<string, string>;
  /** One for every input note, in input order. */
  carried: Carried[];
  /** Masthead, then contents and pages, then text and titles in the new proof's reading order. */
  changes: Change[];
}
