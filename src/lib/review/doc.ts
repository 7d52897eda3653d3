// The top-level shared types of a review doc and the keys inside them (see docs/SCHEMA.md).

import * as Y from 'yjs';

export const ROOT = { issue: 'issue', notes: 'notes', ledger: 'ledger' } as const;

/** Keys inside one note's Y.Map. */
export const NOTE_KEY = {
  fixed: 't',
  body: 'b',
  category: 'c',
  colour: 'h',
  status: 's',
  edited: 'e',
  proposal: 'x',
  /** The proof the note was made on (absent: the first). */
  proof: 'p',
} as const;

/** Replies live in the note's map under `r/<replyId>`. */
export const REPLY_PREFIX = 'r/';
/** Decisions (status changes) live in the note's map under `d/<decisionId>`. */
export const DECISION_PREFIX = 'd/';

/** Version tag at index 0 of the packed fixed fields. */
export const NOTE_FORMAT = 1;

export const issueMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.issue);
export const notesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.notes);
export const ledgerMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.ledger);

/** Ledger key of a sign-off: `<articleId>/<userId>` in the first proof, `<proofId>:<articleId>/<userId>` in a later one. */
export const signOffKey = (articleId: string, userId: string, proof: string | null = null): string =>
  `${proof ? `${proof}:` : ''}${articleId}/${userId}`;

/** Where a proof's sign-offs of an article are listed in a LedgerView. */
export const ledgerArticleKey = (articleId: string, proof: string | null): string => (proof ? `${proof}:${articleId}` : articleId);
