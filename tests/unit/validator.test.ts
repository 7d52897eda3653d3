// Garbage written into the shared doc by a peer: skipped, counted, never thrown.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, readLedger, readNotes, validateNote, type Author, type Note } from '../../src/lib/review/index.ts';

const author: Author = { id: 'u1', name: 'Ann', colour: '#112233' };
const target = { articleId: 'a1', blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 3, quote: 'abc', prefix: '', suffix: 'def' };

function goodFixed(): unknown[] {
  return [1, 'a1', 'a1.1', 0, '', 3, 'abc', '', 'def', 'comment', '', 'u1', 'Ann', '#112233', 1000];
}

/** A doc holding one good note plus whatever `write` adds, as a peer would send it. */
function docWith(write: (notes: Y.Map<unknown>, doc: Y.Doc) => void): Y.Doc {
  const peer = new Y.Doc();
  createNote(peer, { target, kind: 'comment', category: 'other', body: 'fine' }, author);
  peer.transact(() => write(peer.getMap('notes'), peer));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
  return doc;
}

function noteMap(entries: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(entries));
}

// Entries with no readable shape: left out and reported.
const unreadable: [string, (notes: Y.Map<unknown>) => void, RegExp][] = [
  ['a string instead of a map', (n) => n.set('bad1', 'hello'), /not a map/],
  ['a number', (n) => n.set('bad1', 42), /not a map/],
  ['an array type', (n) => n.set('bad1', new Y.Array()), /not a map/],
  ['a text type', (n) => n.set('bad1', new Y.Text('x')), /not a map/],
  ['an empty map', (n) => n.set('bad1', noteMap({})), /fixed fields/],
  ['fixed fields as an object', (n) => n.set('bad1', noteMap({ t: { kind: 'comment' }, c: 'typo' })), /fixed fields/],
  ['a short tuple', (n) => n.set('bad1', noteMap({ t: goodFixed().slice(0, 9), c: 'typo' })), /fixed fields/],
  ['a future format', (n) => n.set('bad1', noteMap({ t: Object.assign(goodFixed(), { 0: 2 }), c: 'typo' })), /note format/],
  ['an id with odd characters', (n) => n.set('<img src=x>', noteMap({ t: goodFixed(), c: 'typo' })), /note id/],
  ['an id that is too long', (n) => n.set('k'.repeat(65), noteMap({ t: goodFixed(), c: 'typo' })), /note id longer/],
  ['null fixed fields', (n) => n.set('bad1', noteMap({ t: null, c: 'typo' })), /fixed fields/],
];

const fixedWith = (patch: Record<number, unknown>) => Object.assign(goodFixed(), patch);

// One damaged field: the note is kept, the field reads as its default, the problem names the field.
const damaged: [string, Record<string, unknown>, string, (n: Note) => unknown, unknown][] = [
  ['an unknown kind', { t: fixedWith({ 9: 'rant' }), c: 'typo' }, 'kind', (n) => n.kind, 'comment'],
  ['an unknown category', { t: goodFixed(), c: 'gossip' }, 'category', (n) => n.category, 'other'],
  ['a missing category', { t: goodFixed() }, 'category', (n) => n.category, 'other'],
  ['an unknown status', { t: goodFixed(), c: 'typo', s: 'bogus' }, 'status', (n) => n.status, 'open'],
  ['accepted on a comment', { t: goodFixed(), c: 'typo', s: 'accepted' }, 'status', (n) => n.status, 'open'],
  ['a huge body', { t: goodFixed(), c: 'typo', b: 'x'.repeat(10_001) }, 'body', (n) => n.body.length, 10_000],
  ['a body that is a number', { t: goodFixed(), c: 'typo', b: 7 }, 'body', (n) => n.body, ''],
  ['a huge quote', { t: fixedWith({ 6: '字'.repeat(10_001) }), c: 'typo' }, 'quote', (n) => n.target.quote.length, 10_000],
  ['a huge prefix', { t: fixedWith({ 7: 'p'.repeat(201) }), c: 'typo' }, 'prefix', (n) => n.target.prefix.length, 200],
  ['a negative offset', { t: fixedWith({ 3: -1 }), c: 'typo' }, 'start', (n) => n.target.start, 0],
  ['a fractional offset', { t: fixedWith({ 5: 2.5 }), c: 'typo' }, 'end', (n) => n.target.end, 0],
  ['end before start', { t: fixedWith({ 3: 9 }), c: 'typo' }, 'end', (n) => n.target.end, 9],
  ['a huge author name', { t: fixedWith({ 12: 'n'.repeat(101) }), c: 'typo' }, 'author-name', (n) => n.author.name, '?'],
  ['an author colour that is CSS', { t: fixedWith({ 13: 'red;x' }), c: 'typo' }, 'author-colour', (n) => n.author.colour, '#6b7280'],
  ['an author id that is not one', { t: fixedWith({ 11: 'u 1' }), c: 'typo' }, 'author', (n) => n.author.id, ''],
  ['an unknown highlight colour', { t: goodFixed(), c: 'typo', h: 'url(x)' }, 'colour', (n) => n.colour, null],
  ['a created time that is a string', { t: fixedWith({ 14: 'now' }), c: 'typo' }, 'created', (n) => n.created, 0],
  ['an edited time that is a string', { t: goodFixed(), c: 'typo', e: 'later' }, 'edited', (n) => n.edited, null],
  ['an article id that is not a string', { t: fixedWith({ 1: 5 }), c: 'typo' }, 'article', (n) => n.target.articleId, ''],
  ['a suggestion without text', { t: fixedWith({ 9: 'suggestion', 10: 'replace' }), c: 'typo' }, 'proposal', (n) => [n.kind, n.suggestion], ['comment', null]],
  ['an unknown suggestion op', { t: fixedWith({ 9: 'suggestion', 10: 'swap' }), c: 'typo', x: 'y' }, 'op', (n) => [n.kind, n.suggestion], ['comment', null]],
  ['an op on a comment', { t: fixedWith({ 10: 'replace' }), c: 'typo' }, 'op', (n) => n.kind, 'comment'],
];

describe('the validator', () => {
  for (const [what, write, reason] of unreadable) {
    it(`leaves out and reports a note with ${what}`, () => {
      const doc = docWith(write);
      const view = readNotes(doc);
      expect(view.notes.map((n) => n.body)).toEqual(['fine']);
      expect(view.invalid).toHaveLength(1);
      expect(view.invalid[0]!.kind).toBe('note');
      expect(view.invalid[0]!.reason).toMatch(reason);
    });
  }

  for (const [what, entries, field, read, value] of damaged) {
    it(`keeps a note with ${what}, reads the field as its default and reports it`, () => {
      const doc = docWith((n) => n.set('bad1', noteMap(entries)));
      const view = readNotes(doc);
      expect(view.invalid).toEqual([]);
      expect(view.damaged).toBe(1);
      const note = view.notes.find((n) => n.id === 'bad1')!;
      expect(note, 'the note is still there').toBeTruthy();
      expect(read(note)).toEqual(value);
      expect(note.problems.map((p) => p.field)).toEqual([field]);
      // Everything else about it is as written.
      expect(note.target.blockId).toBe('a1.1');
      expect(view.notes.find((n) => n.id !== 'bad1')!.problems).toEqual([]);
    });
  }

  it('a note with every mutable field damaged is still shown, with each problem named', () => {
    const doc = docWith((n) => n.set('bad1', noteMap({ t: goodFixed(), c: 1, s: 2, h: 3, b: 4, e: 'x' })));
    const note = readNotes(doc).notes.find((n) => n.id === 'bad1')!;
    expect(note.problems.map((p) => p.field).sort()).toEqual(['body', 'category', 'colour', 'edited', 'status']);
    expect(note).toMatchObject({ category: 'other', status: 'open', colour: null, body: '', edited: null });
  });

  it('keeps replies with a damaged field, leaves out shapeless ones, and reports both', () => {
    const doc = docWith((notes) => {
      notes.set(
        'n2',
        noteMap({
          t: goodFixed(),
          c: 'typo',
          'r/ok': ['u2', 'Bo', '#000000', 5, 0, 'fine reply'],
          'r/huge': ['u2', 'Bo', '#000000', 5, 0, 'x'.repeat(10_001)],
          'r/short': ['u2', 'Bo'],
          'r/obj': { body: 'x' },
          'r/empty': ['u2', 'Bo', '#000000', 5, 0, ''],
        }),
      );
    });
    const view = readNotes(doc);
    expect(view.notes).toHaveLength(2);
    const replies = view.notes.find((n) => n.id === 'n2')!.replies;
    expect(replies.map((r) => [r.id, r.body.length, r.problems.map((p) => p.field)])).toEqual([
      ['empty', 0, ['body']],
      ['huge', 10_000, ['body']],
      ['ok', 10, []],
    ]);
    expect(view.invalid.map((i) => i.kind)).toEqual(['reply', 'reply']);
    expect(view.damaged).toBe(1);
  });

  it('counts many malformed notes and ignores unknown extra keys', () => {
    const doc = docWith((notes) => {
      for (let i = 0; i < 50; i++) notes.set(`junk${i}`, i % 2 ? `str${i}` : noteMap({ t: [i] }));
      notes.set('extra', noteMap({ t: goodFixed(), c: 'style', zz: { anything: true } }));
    });
    const view = readNotes(doc);
    expect(view.notes.map((n) => n.id).sort()).toContain('extra');
    expect(view.notes).toHaveLength(2);
    expect(view.invalid).toHaveLength(50);
  });

  it('never throws, whatever it is given', () => {
    const values: unknown[] = [undefined, null, 0, '', [], {}, new Map(), new Map([['t', goodFixed()]]), Symbol('x'), () => 1];
    for (const v of values) expect(() => validateNote('k', v)).not.toThrow();
    expect(() => validateNote(17, new Map())).not.toThrow();
    expect(validateNote('k', new Map<string, unknown>([['t', goodFixed()], ['c', 'typo']])).ok).toBe(true);
  });

  it('keeps sign-offs with a damaged name or colour, and leaves out shapeless ones', () => {
    const doc = new Y.Doc();
    const ledger = doc.getMap('ledger');
    ledger.set('a1/u1', ['Ann', '#112233', 5]);
    ledger.set('no-slash', ['Ann', '#112233', 5]);
    ledger.set('a1/u2', ['Bo', 'blue', 5]);
    ledger.set('a1/u3', 'signed');
    ledger.set('a1/u4', ['x'.repeat(101), '#112233', 5]);
    const view = readLedger(doc);
    expect(view.signOffs.get('a1')?.map((s) => [s.author.id, s.author.name, s.author.colour, s.problems.map((p) => p.field)])).toEqual([
      ['u1', 'Ann', '#112233', []],
      ['u2', 'Bo', '#6b7280', ['author-colour']],
      ['u4', '?', '#112233', ['author-name']],
    ]);
    expect(view.invalid.map((i) => i.key)).toEqual(['no-slash', 'a1/u3']);
  });
});
