// The W3C Web Annotation terms we write and read, and the IRIs that name our things: an article of
// an issue, a note, a reply, a person. Our own terms live under `proofroom:` (urn:proofroom:vocab:),
// declared in a second @context object, and none of them redefines a term of anno.jsonld.

import type { NoteKind } from '../review/types.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const PROOFROOM_VOCAB = 'urn:proofroom:vocab:';
/** The @context of everything we write: the model's context, then our prefix. */
export const CONTEXT = [ANNO_CONTEXT, { proofroom: PROOFROOM_VOCAB }] as const;

/** Our extension properties (compact IRIs under the `proofroom` prefix). */
export const EXT = {
  /** On an annotation: the note's category (typo, punctuation, fact, layout, style, other). */
  category: 'proofroom:category',
  /** On an annotation: open, resolved, accepted or rejected. */
  status: 'proofroom:status',
  /** On an editing annotation: replace, insert or delete. */
  op: 'proofroom:op',
  /** On an annotation: the highlight colour chosen (absent: the category's). */
  highlight: 'proofroom:highlight',
  /** On an annotation: the 核红 status in this round, localised. */
  check: 'proofroom:check',
  /** On a creator: the colour the app shows the person in (#rrggbb). */
  colour: 'proofroom:colour',
  /** On the collection: the issue's id, the round's number and label. */
  issue: 'proofroom:issue',
  round: 'proofroom:round',
  roundLabel: 'proofroom:roundLabel',
} as const;

export const MOTIVATION: Record<NoteKind, string> = {
  highlight: 'highlighting',
  comment: 'commenting',
  question: 'questioning',
  suggestion: 'editing',
};

const enc = encodeURIComponent;

export const articleIri = (issueId: string, articleId: string): string => `urn:proofroom:issue:${enc(issueId)}:article:${enc(articleId)}`;
export const noteIri = (noteId: string): string => `urn:proofroom:note:${enc(noteId)}`;
export const replyIri = (noteId: string, replyId: string): string => `urn:proofroom:note:${enc(noteId)}:reply:${enc(replyId)}`;
export const userIri = (userId: string): string => `urn:proofroom:user:${enc(userId)}`;
export const collectionIri = (issueId: string, round: number): string => `urn:proofroom:issue:${enc(issueId)}:round:${round}:notes`;
export const GENERATOR = { id: 'urn:proofroom:app', type: 'Software', name: 'Proofroom 共校' } as const;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The article id named by one of our source IRIs (of any issue: a later proof keeps article ids). */
export function articleIdOf(iri: string): string | null {
  const m = /^urn:proofroom:issue:[^:]*:article:([^:]+)$/.exec(iri);
  return m ? decode(m[1]!) : null;
}

export function noteIdOf(iri: string): string | null {
  const m = /^urn:proofroom:note:([^:]+)$/.exec(iri);
  return m ? decode(m[1]!) : null;
}

export function replyIdOf(iri: string): string | null {
  const m = /^urn:proofroom:note:[^:]+:reply:([^:]+)$/.exec(iri);
  return m ? decode(m[1]!) : null;
}

export function userIdOf(iri: string): string | null {
  const m = /^urn:proofroom:user:([^:]+)$/.exec(iri);
  return m ? decode(m[1]!) : null;
}

/** `commenting`, `oa:commenting` and `http://www.w3.org/ns/oa#commenting` are one motivation. */
export function bareTerm(value: string): string {
  return value.replace(/^(?:oa:|https?:\/\/www\.w3\.org\/ns\/oa#)/, '');
}
