// Proof rounds in one review: later proofs are added once and reach peers; each note is seen in
// the proof it was made in and, through its carry record, in later ones; sign-offs are per proof.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addProof,
  createNote,
  ledgerArticleKey,
  notesInProof,
  readCarry,
  readLedger,
  readNotes,
  readProofs,
  setIssue,
  signOff,
  writeCarry,
  type Author,
} from '../../src/lib/review/index.ts';
import { carryMap } from '../../src/lib/review/carry.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const wang: Author = { id: 'uwang', name: '王敏', colour: '#0f766e' };
const li: Author = { id: 'uli', name: '李雷', colour: '#1d4ed8' };
const first = handBuiltIssue();
/** A later proof: the same issue with one word changed (so another id). */
const revised = (n: number): Issue => ({
  ...first,
  id: `${first.id}r${n}`,
  articles: first.articles.map((a, i) => (i === 0 ? { ...a, blocks: a.blocks.map((b, j) => (j === 1 ? { ...b, text: `${b.text}（第${n}稿）` } : b)) } : a)),
});

function review(): Y.Doc {
  const doc = new Y.Doc();
  setIssue(doc, first);
  return doc;
}
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};
const block = first.articles[0]!.blocks[1]!;
const target = { articleId: first.articles[0]!.id, blockId: block.id, start: 0, endBlockId: block.id, end: 2, quote: block.text.slice(0, 2), prefix: '', suffix: block.text.slice(2, 20) };

describe('proofs of one review', () => {
  it('a later proof is added once, listed as the next round, and reaches a peer by sync', () => {
    const a = review();
    const b = new Y.Doc();
    expect(addProof(a, first.id, revised(2), wang, { now: 10 })).toBe('written');
    expect(addProof(a, first.id, revised(2), wang, { now: 11 })).toBe('unchanged');
    expect(addProof(a, first.id, first, wang)).toBe('same-as-first');
    sync(a, b);
    for (const doc of [a, b]) {
      const proofs = readProofs(doc, first.id);
      expect(proofs.map((p) => [p.round, p.id, p.issue?.id ?? null, p.addedBy?.name ?? null])).toEqual([
        [1, first.id, first.id, null],
        [2, `${first.id}r2`, `${first.id}r2`, '王敏'],
      ]);
    }
  });

  it('two people who add a proof at once both keep theirs, one after the other', () => {
    const a = review();
    const b = new Y.Doc();
    sync(a, b);
    addProof(a, first.id, revised(2), wang, { now: 20 });
    addProof(b, first.id, revised(3), li, { now: 10 });
    sync(a, b);
    expect(readProofs(a, first.id).map((p) => p.id)).toEqual([first.id, `${first.id}r3`, `${first.id}r2`]);
    expect(readProofs(b, first.id).map((p) => p.round)).toEqual([1, 2, 3]);
  });

  it('a joiner lists the first proof before its text arrives; a proof cannot be added on top of nothing', () => {
    const doc = new Y.Doc();
    expect(readProofs(doc, first.id)).toMatchObject([{ round: 1, id: first.id, issue: null }]);
    expect(addProof(doc, first.id, revised(2), wang)).toBe('no-first-proof');
  });
});

describe('notes across proofs', () => {
  it('a note is seen in its own proof, and in a later one where its record puts it (or lists it as lost)', () => {
    const doc = review();
    const kept = createNote(doc, { target, kind: 'comment', category: 'typo', body: '一校的' }, wang);
    const lost = createNote(doc, { target, kind: 'comment', category: 'typo', body: '找不到的' }, wang);
    const late = createNote(doc, { target, kind: 'comment', category: 'typo', body: '晚到的' }, li);
    if (!kept.ok || !lost.ok || !late.ok) throw new Error('not written');
    const two = revised(2);
    addProof(doc, first.id, two, wang, {
      also: () =>
        writeCarry(doc, two.id, [
          { noteId: kept.id, status: 'unchanged', target: { ...target, start: 0, end: 2 }, how: 'exact' },
          { noteId: lost.id, status: 'orphaned', target: null, how: '' },
        ]),
    });
    const onTwo = createNote(doc, { target, kind: 'question', category: 'fact', body: '二校的', proof: two.id }, li);
    if (!onTwo.ok) throw new Error('not written');

    const notes = readNotes(doc).notes;
    const proofs = readProofs(doc, first.id);
    const carry = readCarry(doc);
    const inOne = notesInProof(notes, proofs, carry, first.id);
    expect(inOne.all.map((p) => p.note.body).sort()).toEqual(['一校的', '找不到的', '晚到的'].sort());
    const inTwo = notesInProof(notes, proofs, carry, two.id);
    const by = (body: string) => inTwo.all.find((p) => p.note.body === body)!;
    expect(by('一校的')).toMatchObject({ carried: { status: 'unchanged' }, pending: false });
    expect(by('找不到的')).toMatchObject({ target: null, carried: { status: 'orphaned' } });
    expect(inTwo.orphans.map((p) => p.note.body)).toEqual(['找不到的']);
    expect(by('晚到的')).toMatchObject({ carried: null, pending: true });
    expect(by('二校的')).toMatchObject({ carried: null, pending: false });
    expect(readNotes(doc).notes.find((n) => n.body === '二校的')!.proof).toBe(two.id);
  });

  it('carry records from a peer are validated: a malformed one counts as not carried yet', () => {
    const doc = review();
    const map = carryMap(doc);
    map.set('n1>i2', ['unchanged', 'a1', 'a1.1', 0, '', 2, 'ab', '', '', 'exact', 5]);
    map.set('n2>i2', ['bogus', 'a1', 'a1.1', 0, '', 2, 'ab', '', '', 'exact', 5]);
    map.set('n3>i2', ['unchanged', 'a1', 'a1.1', 5, '', 2, 'ab', '', '', 'exact', 5]);
    map.set('n4', ['orphaned', '', '', 0, '', 0, '', '', '', '', 5]);
    map.set('n5>i2', 'x');
    expect([...(readCarry(doc).get('i2')?.keys() ?? [])]).toEqual(['n1']);
  });

  it('each proof has its own sign-offs', () => {
    const doc = review();
    const id = first.articles[0]!.id;
    signOff(doc, id, wang, 1);
    signOff(doc, id, li, 2, 'i2');
    const ledger = readLedger(doc);
    expect(ledger.signOffs.get(ledgerArticleKey(id, null))?.map((s) => s.author.name)).toEqual(['王敏']);
    expect(ledger.signOffs.get(ledgerArticleKey(id, 'i2'))?.map((s) => [s.author.name, s.proof])).toEqual([['李雷', 'i2']]);
  });
});
