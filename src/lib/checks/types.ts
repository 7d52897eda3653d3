// The contract of the automatic checks: a check reads a parsed Issue and returns findings, each a
// span of one block with a category, a message in both languages and, where the fix is clear, a
// suggestion. The app turns findings into notes of their own kind; the CLI prints them.

import type { Issue } from '../issue/types.ts';
import type { Category, Suggestion } from '../review/types.ts';

export type { Category, Suggestion };

export interface Message {
  zh: string;
  en: string;
}

export interface Finding {
  /** Stable: a hash of check, blockId, start, end and quote, so running twice gives the same ids. */
  id: string;
  /** The id of the check that made it. */
  check: string;
  articleId: string;
  blockId: string;
  /** UTF-16 offsets in the block's text, like every target in the app. */
  start: number;
  end: number;
  /** Exactly `block.text.slice(start, end)`. */
  quote: string;
  suggestion?: Suggestion;
  category: Category;
  message: Message;
  /** The norm the finding rests on, e.g. `GB/T 15834-2011 4.5.3.5`. */
  reference?: string;
}

/** One line of a house list (用字表): write `right` where `wrong` was written. */
export interface HousePair {
  wrong: string;
  right: string;
  note?: string;
}

export interface CheckOptions {
  /** The editors' list. Absent: the starter list; an empty list turns the house-list check off. */
  houseList?: HousePair[];
  /** Ids of checks not to run. */
  disabled?: string[];
}

export interface Check {
  id: string;
  label: Message;
  run(issue: Issue, options: CheckOptions): Finding[];
}
