// The one validator: every note, reply and sign-off read from the shared doc passes through here.
// It checks shape and caps lengths; a bad entry becomes an InvalidEntry with a reason, never a throw.

import * as Y from 'yjs';
import { NOTE_FORMAT, NOTE_KEY, REPLY_PREFIX } from './doc.ts';
import {
  CATEGORIES,
  HIGHLIGHT_COLOURS,
  LIMITS,
  NOTE_KINDS,
  NOTE_STATUSES,
  SUGGESTION_OPS,
  type Author,
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

const ID = /^[A-Za-z0-9_-]+$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

function str(v: unknown, what: string, max: number, min = 0): string {
  if (typeof v !== 'string') fail(`${what} is not a string`);
  if (v.length > max) fail(`${what} longer than ${max} characters`);
  if (v.length < min) fail(`${what} is empty`);
  return v;
}

function id(v: unknown, what: string): string {
  const s = str(v, what, LIMITS.idLength, 1);
  if (!ID.test(s)) fail(`${what} has characters outside A-Z a-z 0-9 _ -`);
  return s;
}

function offset(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > LIMITS.offset) fail(`${what} is not an offset`);
  return v;
}

function time(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15) fail(`${what} is not a time`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(`unknown ${what}`);
  return v as T;
}

function author(idValue: unknown, name: unknown, colour: unknown): Author {
  const c = str(colour, 'author colour', 7);
  if (!COLOUR.test(c)) fail('author colour is not #rrggbb');
  return { id: id(idValue, 'author id'), name: str(name, 'author name', LIMITS.nameLength, 1), colour: c };
}

function short(key: unknown): string {
  return typeof key === 'string' ? key.slice(0, 80) : String(key).slice(0, 80);
}

function isRecord(v: unknown): v is NoteRecord {
  return v instanceof Y.Map || v instanceof Map;
}

function parseReply(key: string, value: unknown): Reply {
  if (!Array.isArray(value) || value.length !== 6) fail('reply is not a 6-item array');
  const [aid, name, colour, created, edited, body] = value as unknown[];
  const replyId = id(key.slice(REPLY_PREFIX.length), 'reply id');
  const e = time(edited, 'reply edited time');
  return {
    id: replyId,
    author: author(aid, name, colour),
    body: str(body, 'reply body', LIMITS.replyLength, 1),
    created: time(created, 'reply created time'),
    edited: e === 0 ? null : e,
  };
}

function parseNote(key: string, rec: NoteRecord): Note {
  const noteId = id(key, 'note id');
  const fixed = rec.get(NOTE_KEY.fixed);
  if (!Array.isArray(fixed) || fixed.length !== 15) fail('fixed fields are not a 15-item array');
  const [format, articleId, blockId, start, endBlockIdRaw, end, quote, prefix, suffix, kindRaw, opRaw, aid, name, colour, created] =
    fixed as unknown[];
  if (format !== NOTE_FORMAT) fail('unknown note format');
  const kind = oneOf(kindRaw, NOTE_KINDS, 'kind');
  const bid = str(blockId, 'block id', LIMITS.blockIdLength, 1);
  const endRaw = str(endBlockIdRaw, 'end block id', LIMITS.blockIdLength);
  const target = {
    articleId: str(articleId, 'article id', LIMITS.blockIdLength, 1),
    blockId: bid,
    start: offset(start, 'start'),
    endBlockId: endRaw === '' ? bid : endRaw,
    end: offset(end, 'end'),
    quote: str(quote, 'quote', LIMITS.quoteLength),
    prefix: str(prefix, 'prefix', LIMITS.contextLength),
    suffix: str(suffix, 'suffix', LIMITS.contextLength),
  };
  if (target.blockId === target.endBlockId && target.end < target.start) fail('end before start');

  let suggestion: Note['suggestion'] = null;
  if (kind === 'suggestion') {
    const op = oneOf(opRaw, SUGGESTION_OPS, 'suggestion op');
    const text = str(rec.get(NOTE_KEY.proposal) ?? '', 'proposed text', LIMITS.suggestionLength);
    if (op !== 'delete' && text.length === 0) fail('suggestion proposes no text');
    suggestion = { op, text };
  } else if (opRaw !== '') {
    fail('suggestion op on a note that is not a suggestion');
  }

  const status = oneOf(rec.get(NOTE_KEY.status) ?? 'open', NOTE_STATUSES, 'status');
  if (kind !== 'suggestion' && (status === 'accepted' || status === 'rejected')) fail(`status ${status} on a ${kind}`);
  const colourRaw = rec.get(NOTE_KEY.colour) ?? '';
  const edited = rec.get(NOTE_KEY.edited);

  return {
    id: noteId,
    target,
    kind,
    category: oneOf(rec.get(NOTE_KEY.category), CATEGORIES, 'category'),
    colour: colourRaw === '' ? null : oneOf(colourRaw, HIGHLIGHT_COLOURS, 'highlight colour'),
    author: author(aid, name, colour),
    created: time(created, 'created time'),
    edited: edited === undefined ? null : time(edited, 'edited time'),
    status,
    body: str(rec.get(NOTE_KEY.body) ?? '', 'body', LIMITS.bodyLength),
    suggestion,
    replies: [],
  };
}

/** Validate one reply entry (`r/<replyId>` → tuple) on its own. */
export function validateReply(key: string, value: unknown): { ok: true; reply: Reply } | { ok: false; reason: string } {
  try {
    return { ok: true, reply: parseReply(key, value) };
  } catch (e) {
    return { ok: false, reason: e instanceof Invalid ? e.message : 'unreadable' };
  }
}

export type NoteResult = { ok: true; note: Note; invalid: InvalidEntry[] } | { ok: false; invalid: InvalidEntry };

/** Validate one entry of the notes map. Invalid replies are dropped from the note and reported. */
export function validateNote(key: unknown, value: unknown): NoteResult {
  try {
    if (typeof key !== 'string') fail('key is not a string');
    if (!isRecord(value)) fail('not a map');
    const note = parseNote(key, value);
    const invalid: InvalidEntry[] = [];
    value.forEach((v, k) => {
      if (typeof k !== 'string' || !k.startsWith(REPLY_PREFIX)) return;
      if (note.replies.length >= LIMITS.repliesPerNote) {
        invalid.push({ kind: 'reply', key: short(`${key}/${k}`), reason: 'too many replies' });
        return;
      }
      try {
        note.replies.push(parseReply(k, v));
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        invalid.push({ kind: 'reply', key: short(`${key}/${k}`), reason: e.message });
      }
    });
    note.replies.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { ok: true, note, invalid };
  } catch (e) {
    return { ok: false, invalid: { kind: 'note', key: short(key), reason: e instanceof Invalid ? e.message : 'unreadable' } };
  }
}

/** Validate one ledger entry: key `articleId/userId`, value `[name, colour, at]`. */
export function validateSignOff(key: unknown, value: unknown): { ok: true; signOff: SignOff } | { ok: false; invalid: InvalidEntry } {
  try {
    if (typeof key !== 'string') fail('key is not a string');
    const slash = key.lastIndexOf('/');
    if (slash <= 0) fail('key is not articleId/userId');
    if (!Array.isArray(value) || value.length !== 3) fail('sign-off is not a 3-item array');
    const [name, colour, at] = value as unknown[];
    return {
      ok: true,
      signOff: {
        articleId: str(key.slice(0, slash), 'article id', LIMITS.blockIdLength, 1),
        author: author(key.slice(slash + 1), name, colour),
        at: time(at, 'sign-off time'),
      },
    };
  } catch (e) {
    return { ok: false, invalid: { kind: 'sign-off', key: short(key), reason: e instanceof Invalid ? e.message : 'unreadable' } };
  }
}
