// W3C Web Annotations from any tool as notes on an issue: anchored by their quote (and position,
// when the source is one of our articles), kind from motivation, body, suggestion from an editing
// body, author from creator, replies from `replying` annotations. Ids derive from annotation ids,
// so a second import yields the same ids and the caller skips the ones it has. Never throws.

import { hashString } from '../issue/ids.ts';
import type { Issue } from '../issue/types.ts';
import {
  CATEGORIES,
  HIGHLIGHT_COLOURS,
  LIMITS,
  NOTE_STATUSES,
  SUGGESTION_OPS,
  type Author,
  type Category,
  type NoteKind,
  type NoteStatus,
  type Suggestion,
} from '../review/types.ts';
import { findInIssue, type Anchoring } from './find-in-issue.ts';
import type { ExportNote, ExportReply } from './types.ts';
import { readAnnotations, type RawAgent, type RawAnnotation, type RawBody } from './w3c-read.ts';
import { articleIdOf, noteIdOf, replyIdOf, userIdOf } from './w3c-vocab.ts';

export type ImportedReply = ExportReply;

export interface ImportedNote extends ExportNote {
  replies: ImportedReply[];
  /** The annotation it came from. */
  annotationId: string;
  /** How it was found in the issue. */
  anchoring: Anchoring;
}

export interface ImportResult {
  /** Notes to add (ids the caller already has are to be skipped), in the order of the file. */
  drafts: ImportedNote[];
  /** Annotations that could not be placed in the issue, with their quote and why. */
  unanchored: Array<{ id: string; quote: string; reason: string }>;
  /** What could not be read at all. */
  errors: string[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
/** Colours for imported people who bring none, picked by their id. */
const PALETTE = ['#2563eb', '#16a34a', '#db2777', '#ea580c', '#7c3aed', '#0891b2'];

/** Our own id when the IRI is ours and the id is valid, else one derived from the IRI (106 bits). */
function derivedId(iri: string, own: string | null): string {
  if (own !== null && ID.test(own)) return own;
  return `w${hashString(iri)}${hashString(`${iri}\u0000`)}`.slice(0, 64);
}

function author(agent: RawAgent | null): Author {
  const iri = agent?.id ?? null;
  const name = (agent?.name?.trim() || (iri ? (iri.split(/[/:#]/).filter(Boolean).pop() ?? '') : '')).slice(0, LIMITS.nameLength) || '?';
  const id = iri ? derivedId(iri, userIdOf(iri)) : `w${hashString(`name:${name}`)}`;
  const colour = agent?.colour && COLOUR.test(agent.colour) ? agent.colour : PALETTE[parseInt(hashString(id).slice(-4), 36) % PALETTE.length]!;
  return { id, name, colour };
}

/** A time the review can hold (from 1970 on): an earlier one reads as the epoch. */
const when = (t: number | null): number | null => (t === null ? null : Math.max(0, t));

const pick = <T extends string>(allowed: readonly T[], v: string | undefined): T | null => (allowed as readonly string[]).includes(v ?? '') ? (v as T) : null;

const KIND_BY_MOTIVATION: Array<[string, NoteKind]> = [
  ['editing', 'suggestion'],
  ['questioning', 'question'],
  ['commenting', 'comment'],
  ['highlighting', 'highlight'],
];

interface Content {
  kind: NoteKind;
  body: string;
  suggestion: Suggestion | null;
  category: Category;
}

/** Kind, body, proposal and category from motivations, body purposes and our extension terms. */
function content(a: RawAnnotation, quote: string, errors: string[]): Content {
  const purposes = new Set(a.bodies.flatMap((b) => b.purposes));
  const said = [...a.motivations, ...(purposes.has('editing') ? ['editing'] : [])];
  let kind: NoteKind = KIND_BY_MOTIVATION.find(([m]) => said.includes(m))?.[1] ?? (a.bodies.length > 0 ? 'comment' : 'highlight');
  const tags = a.bodies.filter((b) => b.purposes.includes('tagging') || b.purposes.includes('classifying'));
  const category = pick(CATEGORIES, a.ext.category) ?? tags.map((t) => pick(CATEGORIES, t.value.trim())).find((c) => c !== null) ?? 'other';
  let rest: RawBody[] = a.bodies.filter((b) => !tags.includes(b));
  let suggestion: Suggestion | null = null;
  if (kind === 'suggestion') {
    const proposal = rest.find((b) => b.purposes.includes('editing')) ?? rest.find((b) => b.purposes.length === 0);
    rest = rest.filter((b) => b !== proposal);
    const text = proposal?.value ?? '';
    const op = pick(SUGGESTION_OPS, a.ext.op) ?? (quote === '' ? 'insert' : text === '' ? 'delete' : 'replace');
    if (!proposal || (op !== 'delete' && text === '')) kind = 'comment';
    else if (text.length > LIMITS.suggestionLength) {
      errors.push(`${a.id.slice(0, 80)}: its proposed text is longer than ${LIMITS.suggestionLength} characters; imported as a comment.`);
      kind = 'comment';
      rest.unshift(proposal);
    } else suggestion = { op, text: op === 'delete' ? '' : text };
  }
  let body = rest.map((b) => b.value.trim()).filter(Boolean).join('\n\n');
  if (body.length > LIMITS.bodyLength) {
    errors.push(`${a.id.slice(0, 80)}: its text was cut to ${LIMITS.bodyLength} characters.`);
    body = body.slice(0, LIMITS.bodyLength);
  }
  return { kind, body, suggestion, category };
}

/** The annotation a reply answers, followed up a thread of replies to the note at its root. */
function rootOf(a: RawAnnotation, byId: Map<string, RawAnnotation>): RawAnnotation | null {
  let current = a;
  for (let depth = 0; depth < 1000; depth++) {
    const link = current.targets.find((t) => t.link && t.source !== null && byId.has(t.source));
    if (!link) return current === a ? null : current;
    const next = byId.get(link.source!)!;
    if (next === a) return null;
    current = next;
  }
  return null;
}

const isReply = (a: RawAnnotation, byId: Map<string, RawAnnotation>): boolean =>
  a.motivations.includes('replying') && a.targets.every((t) => t.link) && a.targets.some((t) => t.source !== null && byId.has(t.source));

export function importAnnotations(json: unknown, issue: Issue, options: { now?: number } = {}): ImportResult {
  const result: ImportResult = { drafts: [], unanchored: [], errors: [] };
  try {
    collect(json, issue, options.now ?? Date.now(), result);
  } catch (e) {
    // Input no JSON parser makes (a cyclic object, a getter that throws) ends here, not in the caller.
    result.errors.push(`Could not read the annotations: ${(e as Error).message}`);
  }
  return result;
}

function collect(json: unknown, issue: Issue, now: number, result: ImportResult): void {
  const { annotations, errors } = readAnnotations(json);
  result.errors.push(...errors);
  const byId = new Map(annotations.map((a) => [a.id, a] as const));
  const articles = new Map(issue.articles.map((a) => [a.id, a] as const));
  const notes = new Map<string, ImportedNote>();

  for (const a of annotations) {
    if (isReply(a, byId)) continue;
    const quoteOf = a.targets.find((t) => t.quote)?.quote?.exact ?? '';
    if (a.motivations.includes('replying') && a.targets.every((t) => t.link)) {
      result.unanchored.push({ id: a.id, quote: '', reason: 'it replies to an annotation that is not in the file' });
      continue;
    }
    let found: ReturnType<typeof findInIssue> = { ok: false, reason: 'it has no target in a text' };
    for (const t of a.targets.filter((x) => !x.link)) {
      const own = t.source === null ? null : articleIdOf(t.source);
      found = findInIssue(issue, own === null ? null : (articles.get(own) ?? null), t);
      if (found.ok) break;
    }
    if (!found.ok) {
      result.unanchored.push({ id: a.id, quote: quoteOf, reason: found.reason });
      continue;
    }
    if (found.target.quote.length > LIMITS.quoteLength) {
      result.unanchored.push({ id: a.id, quote: quoteOf.slice(0, 200), reason: `its passage is longer than ${LIMITS.quoteLength} characters` });
      continue;
    }
    const c = content(a, found.target.quote, result.errors);
    const created = when(a.created ?? a.modified) ?? now;
    const status = pick(NOTE_STATUSES, a.ext.status) ?? 'open';
    notes.set(a.id, {
      id: derivedId(a.id, noteIdOf(a.id)),
      annotationId: a.id,
      anchoring: found.anchoring,
      target: found.target,
      kind: c.kind,
      category: c.category,
      colour: pick(HIGHLIGHT_COLOURS, a.ext.highlight),
      author: author(a.creator),
      created,
      edited: a.modified !== null && when(a.modified) !== created ? when(a.modified) : null,
      // Accepted and rejected belong to suggestions only.
      status: c.kind !== 'suggestion' && (status === 'accepted' || status === 'rejected') ? ('resolved' as NoteStatus) : status,
      body: c.body,
      suggestion: c.suggestion,
      replies: [],
    });
  }

  for (const a of annotations) {
    if (!isReply(a, byId)) continue;
    const root = rootOf(a, byId);
    if (!root) {
      result.errors.push(`${a.id.slice(0, 80)}: a reply in a loop of replies, answering no note; skipped.`);
      continue;
    }
    const note = notes.get(root.id);
    if (!note) continue; // its note did not anchor, and is listed as such
    const text = a.bodies.map((b) => b.value.trim()).filter(Boolean).join('\n\n').slice(0, LIMITS.replyLength);
    if (text === '') {
      result.errors.push(`${a.id.slice(0, 80)}: a reply with no text; skipped.`);
      continue;
    }
    const created = when(a.created ?? a.modified) ?? now;
    note.replies.push({
      id: derivedId(a.id, replyIdOf(a.id)),
      author: author(a.creator),
      body: text,
      created,
      edited: a.modified !== null && when(a.modified) !== created ? when(a.modified) : null,
    });
  }
  for (const note of notes.values()) note.replies.sort((x, y) => x.created - y.created || (x.id < y.id ? -1 : 1));
  result.drafts.push(...notes.values());
}
