// Review packages and presence validation: export, import in any order and twice, refuse bad files untouched.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, addReply, readNotes, setIssue, signOff } from '../../src/lib/review/index.ts';
import { applyMerge, planMerge } from '../../src/lib/review/merge.ts';
import { decodePackage, encodePackage, openPackage, PackageError, packageOrigin } from '../../src/lib/sync/review-package.ts';
import { validatePresence } from '../../src/lib/sync/presence.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const issue = handBuiltIssue();
const wang = { id: 'uwang', name: '王敏', colour: '#0f766e' };
const li = { id: 'uli', name: '李雷', colour: '#1d4ed8' };

function reviewWith(author: typeof wang, bodies: string[]): Y.Doc {
  const doc = new Y.Doc();
  setIssue(doc, issue);
  const block = issue.articles[0]!.blocks.find((b) => b.text.length > 10)!;
  for (const [i, body] of bodies.entries()) {
    const target = { articleId: issue.articles[0]!.id, blockId: block.id, start: i, endBlockId: block.id, end: i + 2, quote: block.text.slice(i, i + 2), prefix: block.text.slice(0, i), suffix: block.text.slice(i + 2, i + 20) };
    const r = createNote(doc, { target, kind: 'comment', category: 'typo', body }, author);
    if (!r.ok) throw new Error(r.reason);
  }
  return doc;
}

const PACKAGE_ORIGIN = packageOrigin();

/** Open, plan and merge everything, as the app does when the reviewer confirms all of it. */
function importPackage(doc: Y.Doc, issueId: string, bytes: Uint8Array, origin: object) {
  const { header, update } = openPackage(bytes, issueId);
  const plan = planMerge(doc, update, header.exportedBy);
  applyMerge(doc, update, origin).destroy();
  const byAuthor = new Map<string, number>();
  for (const n of plan.added) byAuthor.set(n.author.name, (byAuthor.get(n.author.name) ?? 0) + 1);
  return {
    notes: plan.added.length,
    authors: [...byAuthor].sort((a, b) => b[1] - a[1]).map(([name]) => name),
    replies: plan.repliesAdded.length,
    signOffs: plan.signOffsAdded.length,
    exportedBy: header.exportedBy.name,
  };
}

const bodies = (doc: Y.Doc) => readNotes(doc).notes.map((n) => n.body).sort();
const peer = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

describe('review packages', () => {
  it('carry the review with a readable header', () => {
    const doc = reviewWith(wang, ['一', '二']);
    const bytes = encodePackage(doc, wang, 1_700_000_000_000);
    expect(new TextDecoder().decode(bytes.subarray(0, 10))).toBe('PROOFROOM\n');
    const { header } = decodePackage(bytes);
    expect(header).toMatchObject({ format: 'proofroom-review', version: 1, issueId: issue.id, exportedBy: { name: '王敏' }, notes: 2 });
  });

  it('merge idempotently and in any order, and say what they brought', () => {
    const a = reviewWith(wang, ['A1', 'A2', 'A3']);
    const b = peer(a);
    // B already had A's notes from an earlier meeting, then both wrote more apart.
    createNote(b, { target: readNotes(a).notes[0]!.target, kind: 'question', category: 'fact', body: 'B1' }, li);
    createNote(a, { target: readNotes(a).notes[0]!.target, kind: 'comment', category: 'fact', body: 'A4' }, wang);
    addReply(b, readNotes(b).notes[0]!.id, '同意', li);
    signOff(b, issue.articles[0]!.id, li);
    const fromA = encodePackage(a, wang);
    const fromB = encodePackage(b, li);

    const s1 = importPackage(b, issue.id, fromA, PACKAGE_ORIGIN);
    expect(s1).toEqual({ notes: 1, authors: ['王敏'], replies: 0, signOffs: 0, exportedBy: '王敏' });
    expect(importPackage(b, issue.id, fromA, PACKAGE_ORIGIN)).toMatchObject({ notes: 0, replies: 0, signOffs: 0 });
    const s2 = importPackage(a, issue.id, fromB, PACKAGE_ORIGIN);
    expect(s2).toEqual({ notes: 1, authors: ['李雷'], replies: 1, signOffs: 1, exportedBy: '李雷' });
    expect(bodies(a)).toEqual(bodies(b));
    expect(bodies(a)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1']);

    // A third person importing both, in the other order, ends up the same.
    const c = new Y.Doc();
    setIssue(c, issue);
    importPackage(c, issue.id, fromB, PACKAGE_ORIGIN);
    importPackage(c, issue.id, fromA, PACKAGE_ORIGIN);
    expect(bodies(c)).toEqual(bodies(a));
  });

  it('refuse foreign, damaged and other-issue files without touching the doc', () => {
    const doc = reviewWith(wang, ['keep']);
    const before = Y.encodeStateAsUpdate(doc);
    const good = encodePackage(reviewWith(li, ['x']), li);
    const head = good.indexOf(0x0a, 10) + 1;
    const cases: Array<[Uint8Array, string]> = [
      [new TextEncoder().encode('hello'), 'not-a-package'],
      [new TextEncoder().encode('PROOFROOM\n{"format":"other"}\n'), 'not-a-package'],
      [new TextEncoder().encode('PROOFROOM\n{not json\n'), 'damaged'],
      [new Uint8Array([...good.subarray(0, head), 0xff, 0xff, 0xff, 0x01, 0x02]), 'damaged'],
      [good.subarray(0, good.length - 20), 'damaged'],
    ];
    for (const [bytes, problem] of cases) {
      expect(() => importPackage(doc, issue.id, bytes, PACKAGE_ORIGIN)).toThrow(PackageError);
      try {
        importPackage(doc, issue.id, bytes, PACKAGE_ORIGIN);
      } catch (e) {
        expect((e as PackageError).problem).toBe(problem);
      }
    }
    expect(() => importPackage(doc, 'another-issue', good, PACKAGE_ORIGIN)).toThrow(/other-issue/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('presence validation', () => {
  const ok = { user: { id: 'u1', name: '王敏', colour: '#0F766E' }, article: 'a1', selection: { blockId: 'a1-2', start: 1, endBlockId: 'a1-2', end: 4 }, idle: false };
  it('accepts a well-formed state and normalises the colour', () => {
    expect(validatePresence(ok)).toEqual({ ...ok, user: { ...ok.user, colour: '#0f766e' } });
    expect(validatePresence({})).toBe('empty');
  });
  it('rejects malformed states', () => {
    for (const bad of [
      null,
      'x',
      { user: { id: '!!', name: 'a', colour: '#000000' } },
      { user: { id: 'u', name: '', colour: '#000000' } },
      { user: { id: 'u', name: 'a', colour: 'red;} body{display:none' } },
      { ...ok, selection: 'everything' },
      { ...ok, selection: { ...ok.selection, start: -1 } },
      { ...ok, article: 5 },
      { ...ok, idle: 'yes' },
      { cursor: 1 },
    ]) {
      expect(validatePresence(bad)).toBe('invalid');
    }
  });
});
