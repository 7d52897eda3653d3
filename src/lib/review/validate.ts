// The one validator: every note, reply and sign-off read from the shared doc passes through here.
// It checks each field on its own. A bad field is read as its safe default and reported as a
// problem, so one bad value never hides a note; only an entry with no readable shape at all (not a
// map, no fixed fields, an id that cannot be addressed, a format from the future) is left out and
// reported as an InvalidEntry. Never throws. Writes use the same checks and accept no problem.

import * as Y from 'yjs';
import { byTime, effectiveStatus } from './decisions.ts';
import { DECISION_PREFIX, NOTE_FORMAT, NOTE_KEY, REPLY_PREFIX } from './doc.ts';
import {
  CATEGORIES,
  HIGHLIGHT_COLOURS,
  LIMITS,
  NOTE_KINDS,
  NOTE_STATUSES,
  SUGGESTION_OPS,
  type Author,
  type Decision,
  type Field,
  type FieldProblem,
  type InvalidEntry,
  type Note,
  type Reply,
  type SignOff,
} from './types.ts';

/** What the validator reads a note from: a Y.Map in the doc, or a plain Map for a draft. */
export interface NoteRecord {
  get(key: string): unknown;
  forEach(f: (value: unknown, key: string) => void): void;
}

/** Shown for an author whose name or colour is unreadable. */
export const UNKNOWN_NAME = '?';
export const UNKNOWN_COLOUR = '#6b7280';

const ID = /^[A-Za-z0-9_-]+$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Reads fields one by one, collecting a problem (and using the default) for each bad one. */
class Fields {
  readonly problems: FieldProblem[] = [];

  bad<T>(field: Field, reason: string, fallback: T): T {
    this.problems.push({ field, reason });
    return fallback;
  }

  /** A string of at most `max` characters; a longer one is cut (and reported), anything else is `fallback`. */
  text(v: unknown, field: Field, max: number, fallback = ''): string {
    if (typeof v !== 'string') return this.bad(field, 'not a string', fallback);
    if (v.length > max) return this.bad(field, `longer than ${max} characters`, v.slice(0, max));
    return v;
  }

  /** A non-empty id-like string of at most `max` characters, or `fallback`. */
  name(v: unknown, field: Field, max: number, fallback: string): string {
    if (typeof v !== 'string' || v.length === 0 || v.length > max) return this.bad(field, 'missing or too long', fallback);
    return v;
  }

  offset(v: unknown, field: Field, fallback: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > LIMITS.offset) return this.bad(field, 'not an offset', fallback);
    return v;
  }

  time(v: unknown, field: Field, fallback: number): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15) return this.bad(field, 'not a time', fallback);
    return v;
  }

  oneOf<T extends string>(v: unknown, allowed: readonly T[], field: Field, fallback: T): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return this.bad(field, `unknown value ${clip(v)}`, fallback);
    return v as T;
  }

  author(idValue: unknown, name: unknown, colour: unknown): Author {
    const id = typeof idValue === 'string' && idValue.length <= LIMITS.idLength && ID.test(idValue) ? idValue : this.bad('author', 'not an id', '');
    return {
      // An unreadable author id leaves the entry with no owner: nobody can edit or delete it in the app.
      id,
      name: this.name(name, 'author-name', LIMITS.nameLength, UNKNOWN_NAME),
      colour: typeof colour === 'string' && COLOUR.test(colour) ? colour : this.bad('author-colour', 'not #rrggbb', UNKNOWN_COLOUR),
    };
  }
}

/** A short, safe rendering of a bad value for a problem's reason. */
function clip(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? (v === null ? 'null' : 'an object') : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function short(key: unknown): string {
  return typeof key === 'string' ? key.slice(0, 80) : String(key).slice(0, 80);
}

function isRecord(v: unknown): v is NoteRecord {
  return v instanceof Y.Map || v instanceof Map;
}

const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.idLength && ID.test(v);

type Unreadable = { ok: false; reason: string };

function parseReply(key: string, value: unknown): { ok: true; reply: Reply } | Unreadable {
  const replyId = key.slice(REPLY_PREFIX.length);
  if (!isId(replyId)) return { ok: false, reason: 'reply id is not an id' };
  if (!Array.isArray(value) || value.length !== 6) return { ok: false, reason: 'reply is not a 6-item array' };
  const [aid, name, colour, created, edited, body] = value as unknown[];
  const f = new Fields();
  const e = f.time(edited, 'edited', 0);
  let text = f.text(body, 'body', LIMITS.replyLength);
  if (text.length === 0 && typeof body === 'string') text = f.bad('body', 'empty', '');
  return {
    ok: true,
    reply: { id: replyId, author: f.author(aid, name, colour), body: text, created: f.time(created, 'created', 0), edited: e === 0 ? null : e, problems: f.problems },
  };
}

function parseNote(key: string, rec: NoteRecord): { ok: true; note: Note } | Unreadable {
  if (!isId(key)) return { ok: false, reason: key.length > LIMITS.idLength ? `note id longer than ${LIMITS.idLength} characters` : 'note id is not an id' };
  const fixed = rec.get(NOTE_KEY.fixed);
  if (!Array.isArray(fixed) || fixed.length !== 15) return { ok: false, reason: 'fixed fields are not a 15-item array' };
  const [format, articleId, blockId, start, endBlockIdRaw, end, quote, prefix, suffix, kindRaw, opRaw, aid, name, colour, created] =
    fixed as unknown[];
  if (format !== NOTE_FORMAT) return { ok: false, reason: 'unknown note format (made by a newer version?)' };

  const f = new Fields();
  const block = f.name(blockId, 'block', LIMITS.blockIdLength, '');
  const endBlock = endBlockIdRaw === '' ? block : f.name(endBlockIdRaw, 'end-block', LIMITS.blockIdLength, block);
  const from = f.offset(start, 'start', 0);
  let to = f.offset(end, 'end', from);
  if (block === endBlock && to < from) to = f.bad('end', 'end before start', from);
  const target = {
    articleId: f.name(articleId, 'article', LIMITS.blockIdLength, ''),
    blockId: block,
    start: from,
    endBlockId: endBlock,
    end: to,
    quote: f.text(quote, 'quote', LIMITS.quoteLength),
    prefix: f.text(prefix, 'prefix', LIMITS.contextLength),
    suffix: f.text(suffix, 'suffix', LIMITS.contextLength),
  };

  let kind = f.oneOf(kindRaw, NOTE_KINDS, 'kind', 'comment');
  let suggestion: Note['suggestion'] = null;
  if (kind === 'suggestion') {
    // A suggestion whose change cannot be read is shown as a comment: nothing unreadable can be accepted.
    const op = SUGGESTION_OPS.find((o) => o === opRaw);
    const text = rec.get(NOTE_KEY.proposal) ?? '';
    if (!op) f.bad('op', `unknown value ${clip(opRaw)}`, null);
    else if (typeof text !== 'string') f.bad('proposal', 'not a string', null);
    else if (text.length > LIMITS.suggestionLength) f.bad('proposal', `longer than ${LIMITS.suggestionLength} characters`, null);
    else if (op !== 'delete' && text.length === 0) f.bad('proposal', 'proposes no text', null);
    else suggestion = { op, text };
    if (!suggestion) kind = 'comment';
  } else if (opRaw !== '') {
    f.bad('op', 'a change on a note that is not a suggestion', null);
  }

  let status = f.oneOf(rec.get(NOTE_KEY.status) ?? 'open', NOTE_STATUSES, 'status', 'open');
  if (kind !== 'suggestion' && (status === 'accepted' || status === 'rejected')) status = f.bad('status', `${status} on a ${kind}`, 'open');
  const colourRaw = rec.get(NOTE_KEY.colour) ?? '';
  const edited = rec.get(NOTE_KEY.edited);
  const proofRaw = rec.get(NOTE_KEY.proof);
  // A note whose proof cannot be read is shown on the first proof (and said so).
  const proof = proofRaw === undefined ? null : isId(proofRaw) ? (proofRaw as string) : f.bad('proof', 'not a proof id', null);

  return {
    ok: true,
    note: {
      id: key,
      target,
      kind,
      category: f.oneOf(rec.get(NOTE_KEY.category), CATEGORIES, 'category', 'other'),
      colour: colourRaw === '' ? null : (HIGHLIGHT_COLOURS.find((c) => c === colourRaw) ?? f.bad('colour', `unknown value ${clip(colourRaw)}`, null)),
      author: f.author(aid, name, colour),
      created: f.time(created, 'created', 0),
      edited: edited === undefined ? null : f.time(edited, 'edited', -1) === -1 ? null : (edited as number),
      status,
      body: f.text(rec.get(NOTE_KEY.body) ?? '', 'body', LIMITS.bodyLength),
      suggestion,
      replies: [],
      proof,
      decisions: [],
      conflict: null,
      problems: f.problems,
    },
  };
}

/** Validate one reply entry (`r/<replyId>` → tuple) on its own. */
export function validateReply(key: string, value: unknown): { ok: true; reply: Reply } | { ok: false; reason: string } {
  try {
    return parseReply(key, value);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** Validate one decision entry (`d/<decisionId>` → tuple); a decision that cannot be read is left out. */
export function validateDecision(key: string, value: unknown): { ok: true; decision: Decision } | { ok: false; reason: string } {
  const id = key.slice(DECISION_PREFIX.length);
  if (!isId(id)) return { ok: false, reason: 'decision id is not an id' };
  if (!Array.isArray(value) || value.length !== 7) return { ok: false, reason: 'decision is not a 7-item array' };
  const [aid, name, colour, at, status, proof, supersedes] = value as unknown[];
  if (!(NOTE_STATUSES as readonly unknown[]).includes(status)) return { ok: false, reason: `unknown status ${clip(status)}` };
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return { ok: false, reason: 'not a time' };
  if (proof !== '' && !isId(proof)) return { ok: false, reason: 'not a proof id' };
  if (!Array.isArray(supersedes) || supersedes.length > 64 || !supersedes.every(isId)) return { ok: false, reason: 'supersedes is not a list of ids' };
  const f = new Fields();
  const author = f.author(aid, name, colour);
  if (author.id === '') return { ok: false, reason: 'no author' };
  return {
    ok: true,
    decision: { id, author, status: status as Decision['status'], at, proof: proof === '' ? null : (proof as string), supersedes: supersedes as string[] },
  };
}

export type NoteResult = { ok: true; note: Note; invalid: InvalidEntry[] } | { ok: false; invalid: InvalidEntry };

/** Validate one entry of the notes map. Unreadable replies are left out of the note and reported. */
export function validateNote(key: unknown, value: unknown): NoteResult {
  const unreadable = (reason: string): NoteResult => ({ ok: false, invalid: { kind: 'note', key: short(key), reason } });
  try {
    if (typeof key !== 'string') return unreadable('key is not a string');
    if (!isRecord(value)) return unreadable('not a map');
    const r = parseNote(key, value);
    if (!r.ok) return unreadable(r.reason);
    const note = r.note;
    const invalid: InvalidEntry[] = [];
    const decisions: Decision[] = [];
    value.forEach((v, k) => {
      if (typeof k === 'string' && k.startsWith(DECISION_PREFIX)) {
        const d = validateDecision(k, v);
        if (d.ok) decisions.push(d.decision);
        else invalid.push({ kind: 'decision', key: short(`${key}/${k}`), reason: d.reason });
        return;
      }
      if (typeof k !== 'string' || !k.startsWith(REPLY_PREFIX)) return;
      if (note.replies.length >= LIMITS.repliesPerNote) {
        invalid.push({ kind: 'reply', key: short(`${key}/${k}`), reason: 'too many replies' });
        return;
      }
      const reply = validateReply(k, v);
      if (reply.ok) note.replies.push(reply.reply);
      else invalid.push({ kind: 'reply', key: short(`${key}/${k}`), reason: reply.reason });
    });
    note.replies.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (decisions.length > 0) {
      // Kept decisions decide the status; those a note of its kind cannot have are left out.
      const allowed = note.kind === 'suggestion' ? decisions : decisions.filter((d) => d.status === 'open' || d.status === 'resolved');
      note.decisions = byTime(allowed);
      const { status, conflict } = effectiveStatus(note.decisions, note.status);
      note.status = status;
      note.conflict = conflict;
    }
    return { ok: true, note, invalid };
  } catch {
    return unreadable('unreadable');
  }
}

/** Validate one ledger entry: key `[proofId:]articleId/userId`, value `[name, colour, at]`. */
export function validateSignOff(key: unknown, value: unknown): { ok: true; signOff: SignOff } | { ok: false; invalid: InvalidEntry } {
  const unreadable = (reason: string) => ({ ok: false as const, invalid: { kind: 'sign-off' as const, key: short(key), reason } });
  try {
    if (typeof key !== 'string') return unreadable('key is not a string');
    const slash = key.lastIndexOf('/');
    const colon = key.indexOf(':');
    const proof = colon > 0 && colon < slash ? key.slice(0, colon) : null;
    const articleId = key.slice(proof ? colon + 1 : 0, slash);
    if (slash <= 0 || !articleId || articleId.length > LIMITS.blockIdLength || (proof !== null && !isId(proof))) {
      return unreadable('key is not articleId/userId');
    }
    if (!Array.isArray(value) || value.length !== 3) return unreadable('sign-off is not a 3-item array');
    const [name, colour, at] = value as unknown[];
    const f = new Fields();
    const author = f.author(key.slice(slash + 1), name, colour);
    // The user id is the key: a sign-off nobody can be said to have made is not one.
    if (author.id === '') return unreadable('key is not articleId/userId');
    return { ok: true, signOff: { articleId, proof, author, at: f.time(at, 'at', 0), problems: f.problems } };
  } catch {
    return unreadable('unreadable');
  }
}
