// Notes as a W3C Web Annotation `AnnotationCollection` (JSON-LD): one annotation per note, with a
// TextQuoteSelector and a TextPositionSelector (code points in the article's text, blocks joined
// by "\n") on the article's IRI; one `replying` annotation per reply, targeting its note's IRI.
// Every annotation carries the full @context, so any item taken out alone is still valid.

import { articleText, toArticleOffset } from '../anchor/article-text.ts';
import type { Issue } from '../issue/types.ts';
import { toCodePoints } from './code-points.ts';
import { phrase } from './labels.ts';
import { placeInIssue } from './order.ts';
import { isoTime } from './time.ts';
import type { ExportFormat, ExportInput, ExportNote, ExportReply } from './types.ts';
import { CONTEXT, EXT, GENERATOR, MOTIVATION, articleIri, collectionIri, noteIri, replyIri, userIri } from './w3c-vocab.ts';

type Json = Record<string, unknown>;

function creator(author: ExportNote['author']): Json {
  const agent: Json = { type: 'Person', name: author.name || '?' };
  if (author.id) agent.id = userIri(author.id);
  if (/^#[0-9a-fA-F]{6}$/.test(author.colour)) agent[EXT.colour] = author.colour;
  return agent;
}

/** `created`, `modified`, `generated` as the model wants them: xsd:dateTime in UTC with Z. */
function times(target: Json, created: number, edited: number | null, now: Date): void {
  const c = isoTime(created);
  if (c) target.created = c;
  const m = edited === null ? null : isoTime(edited);
  if (m) target.modified = m;
  target.generator = GENERATOR;
  target.generated = isoTime(now.getTime()) ?? new Date(0).toISOString();
}

const textBody = (value: string, purpose: string): Json => ({ type: 'TextualBody', purpose, value, format: 'text/plain' });

function target(issue: Issue, note: ExportNote): Json {
  const t = note.target;
  const quote: Json = { type: 'TextQuoteSelector', exact: t.quote, prefix: t.prefix, suffix: t.suffix };
  const selectors: Json[] = [quote];
  const article = issue.articles.find((a) => a.id === t.articleId);
  if (article) {
    const at = articleText(article);
    const start = toArticleOffset(at, t.blockId, t.start);
    const end = toArticleOffset(at, t.endBlockId, t.end);
    if (start !== null && end !== null && end >= start) {
      selectors.push({ type: 'TextPositionSelector', start: toCodePoints(at.text, start), end: toCodePoints(at.text, end) });
    }
  }
  return { type: 'SpecificResource', source: articleIri(issue.id, t.articleId), selector: selectors };
}

export function noteAnnotation(input: ExportInput, note: ExportNote): Json {
  const a: Json = { '@context': CONTEXT, id: noteIri(note.id), type: 'Annotation', motivation: MOTIVATION[note.kind] ?? 'commenting' };
  times(a, note.created, note.edited, input.now);
  a.creator = creator(note.author);
  const bodies: Json[] = [];
  if (note.kind === 'suggestion' && note.suggestion) bodies.push(textBody(note.suggestion.text, 'editing'));
  const purpose = note.kind === 'question' ? 'questioning' : 'commenting';
  if (note.body.trim() !== '') bodies.push(textBody(note.body, purpose));
  if (bodies.length === 1) a.body = bodies[0];
  else if (bodies.length > 1) a.body = bodies;
  a.target = target(input.issue, note);
  a[EXT.category] = note.category;
  a[EXT.status] = note.status;
  if (note.kind === 'suggestion' && note.suggestion) a[EXT.op] = note.suggestion.op;
  if (note.colour) a[EXT.highlight] = note.colour;
  const check = input.checks?.get(note.id);
  if (check) a[EXT.check] = check;
  return a;
}

export function replyAnnotation(input: ExportInput, note: ExportNote, reply: ExportReply): Json {
  const a: Json = { '@context': CONTEXT, id: replyIri(note.id, reply.id), type: 'Annotation', motivation: 'replying' };
  times(a, reply.created, reply.edited, input.now);
  a.creator = creator(reply.author);
  a.body = textBody(reply.body, 'replying');
  a.target = noteIri(note.id);
  return a;
}

/** The collection as a plain object: the notes in reading order, each followed by its replies. */
export function annotationCollection(input: ExportInput): Json {
  const items: Json[] = [];
  for (const { note } of placeInIssue(input.issue, input.notes)) {
    items.push(noteAnnotation(input, note));
    for (const reply of note.replies) items.push(replyAnnotation(input, note, reply));
  }
  const id = collectionIri(input.issue.id, input.round.index);
  const collection: Json = {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: phrase(input.lang, 'notesTitle', { issue: input.issue.title, round: input.round.label }),
    total: items.length,
    [EXT.issue]: input.issue.id,
    [EXT.round]: input.round.index,
    [EXT.roundLabel]: input.round.label,
  };
  // A page holds one or more items, so an empty collection has none (the model allows that).
  if (items.length > 0) collection.first = { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items };
  return collection;
}

export const w3cFormat: ExportFormat = {
  id: 'w3c-jsonld',
  label: { 'zh-CN': 'W3C 网页标注（JSON-LD）', en: 'W3C Web Annotations (JSON-LD)' },
  extension: 'jsonld',
  mime: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
  produce: (input) => `${JSON.stringify(annotationCollection(input), null, 2)}\n`,
};
