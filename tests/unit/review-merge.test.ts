// Merging a package into the review: what it would change is known before anything is touched;
// removals of other people's work are kept unless confirmed; an import is undone as a whole.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReply, createNote, deleteNote, readLedger, readNotes, setIssue, signOff, type Author } from '../../src/lib/review/index.ts';
import { applyMerge, planMerge } from '../../src/lib/review/merge.ts';
import { encodePackage, openPackage, packageOrigin } from '../../src/lib/sync/review-package.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const issue = handBuiltIssue();
const wang: Author = { id: 'uwang', name: '王敏', colour: '#0f766e' };
const li: Author = { id: 'uli', name: '李雷', colour: '#1d4ed8' };
const han: Author = { id: 'uhan', name: '韩梅梅', colour: '#7c3aed' };

function note(doc: Y.Doc, author: Author, body: string, i: number): string {
  const block = issue.articles[0]!.blocks.find((b) => b.text.length > 12)!;
  const target = { articleId: issue.articles[0]!.id, blockId: block.id, start: i % 8, endBlockId: block.id, end: (i % 8) + 2, quote: block.text.slice(i % 8, (i % 8) + 2), prefix: '', suffix: '' };
  const r = createNote(doc, { target, kind: 'comment', category: 'typo', body }, author);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

const copy = (doc: Y.Doc): Y.Doc => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};
const bodies = (doc: Y.Doc) => readNotes(doc).notes.map((n) => n.body).sort();

/** The review as three colleagues have it after a day: nine notes by three people, a reply, a sign-off. */
function sharedReview(): Y.Doc {
  const doc = new Y.Doc();
  setIssue(doc, issue);
  [wang, li, han].forEach((a, k) => [0, 1, 2].forEach((i) => note(doc, a, `${a.name}-${i}`, k * 3 + i)));
  addReply(doc, readNotes(doc).notes[0]!.id, '同意', li);
  signOff(doc, issue.articles[0]!.id, han);
  return doc;
}

function open(bytes: Uint8Array) {
  return openPackage(bytes, issue.id);
}

describe('planning and applying a merge', () => {
  it('a crafted package made from an old one with every note deleted: all nine removals shown, kept unless confirmed, undoable', () => {
    const mine = sharedReview();
    // Someone loads an old package of the review, deletes every note, and exports it as 李雷.
    const crafted = copy(mine);
    const notes = crafted.getMap('notes');
    crafted.transact(() => [...notes.keys()].forEach((k) => notes.delete(k)));
    const { header, update } = open(encodePackage(crafted, li));

    const before = Y.encodeStateVector(mine);
    const plan = planMerge(mine, update, header.exportedBy);
    expect(Y.encodeStateVector(mine), 'planning touches nothing').toEqual(before);
    expect(plan.added).toEqual([]);
    const removedNotes = plan.removed.filter((r) => r.kind === 'note');
    expect(removedNotes).toHaveLength(9);
    // 李雷's own three are his to delete; the other six (and nothing else) need confirmation.
    expect(plan.removed.filter((r) => r.others).map((r) => (r.kind === 'note' ? r.note.author.name : r.kind)).sort()).toEqual(
      ['王敏', '王敏', '王敏', '韩梅梅', '韩梅梅', '韩梅梅'].sort(),
    );

    // Not confirmed: his own deletions apply, everyone else's notes stay.
    const merge = applyMerge(mine, update, packageOrigin(), plan.removed.filter((r) => r.others));
    expect(bodies(mine)).toEqual(['王敏-0', '王敏-1', '王敏-2', '韩梅梅-0', '韩梅梅-1', '韩梅梅-2']);
    // …with their replies, and they travel: a colleague who syncs with me keeps them too.
    expect(readNotes(mine).notes.find((n) => n.body === '王敏-0')!.replies.map((r) => r.body)).toEqual(['同意']);
    const colleague = copy(mine);
    expect(bodies(colleague)).toHaveLength(6);

    // Undo: the whole import is taken back.
    merge.undo();
    expect(bodies(mine)).toEqual(bodies(sharedReview()));
    expect(readNotes(mine).notes).toHaveLength(9);
    expect(readNotes(mine).notes.find((n) => n.body === '王敏-0')!.replies.map((r) => r.body)).toEqual(['同意']);
  });

  it('confirmed, the crafted package removes all nine, and undo brings all nine back', () => {
    const mine = sharedReview();
    const crafted = copy(mine);
    const notes = crafted.getMap('notes');
    crafted.transact(() => [...notes.keys()].forEach((k) => notes.delete(k)));
    const { update } = open(encodePackage(crafted, li));
    const merge = applyMerge(mine, update, packageOrigin());
    expect(readNotes(mine).notes).toEqual([]);
    merge.undo();
    expect(bodies(mine)).toEqual(bodies(sharedReview()));
  });

  it('a legitimate package: a colleague deleted their own note offline and wrote a new one; nothing needs confirming', () => {
    const mine = sharedReview();
    const theirs = copy(mine);
    const own = readNotes(theirs).notes.find((n) => n.body === '李雷-1')!;
    expect(deleteNote(theirs, own.id, li.id).ok).toBe(true);
    note(theirs, li, '李雷-新', 5);
    // Meanwhile I wrote too.
    note(mine, wang, '王敏-新', 6);
    const { header, update } = open(encodePackage(theirs, li));

    const plan = planMerge(mine, update, header.exportedBy);
    expect(plan.added.map((n) => n.body)).toEqual(['李雷-新']);
    expect(plan.removed.map((r) => (r.kind === 'note' ? [r.note.body, r.others] : r.kind))).toEqual([['李雷-1', false]]);
    expect(plan.removed.filter((r) => r.others)).toEqual([]);

    applyMerge(mine, update, packageOrigin(), []).destroy();
    expect(bodies(mine)).toContain('李雷-新');
    expect(bodies(mine)).toContain('王敏-新');
    expect(bodies(mine)).not.toContain('李雷-1');
  });

  it('shows edits, new replies and sign-offs, and a withdrawn sign-off of someone else as a removal', () => {
    const mine = sharedReview();
    const theirs = copy(mine);
    const target = readNotes(theirs).notes.find((n) => n.body === '王敏-2')!;
    // A forged edit of someone else's note, a reply, and someone else's sign-off removed.
    (theirs.getMap('notes').get(target.id) as Y.Map<unknown>).set('b', '被改了');
    addReply(theirs, target.id, '我有意见', li);
    theirs.getMap('ledger').delete(`${issue.articles[0]!.id}/${han.id}`);
    signOff(theirs, issue.articles[0]!.id, li);
    const { header, update } = open(encodePackage(theirs, li));
    const plan = planMerge(mine, update, header.exportedBy);
    expect(plan.edited.map((e) => [e.before.body, e.after.body, e.fields])).toEqual([['王敏-2', '被改了', ['body']]]);
    expect(plan.repliesAdded.map((r) => r.reply.body)).toEqual(['我有意见']);
    expect(plan.signOffsAdded.map((s) => s.author.name)).toEqual(['李雷']);
    expect(plan.removed.map((r) => [r.kind, r.others])).toEqual([['sign-off', true]]);

    const merge = applyMerge(mine, update, packageOrigin(), plan.removed.filter((r) => r.others));
    expect(readLedger(mine).signOffs.get(issue.articles[0]!.id)?.map((s) => s.author.name).sort()).toEqual(['李雷', '韩梅梅'].sort());
    merge.undo();
    expect(readNotes(mine).notes.find((n) => n.id === target.id)!.body).toBe('王敏-2');
    expect(readLedger(mine).signOffs.get(issue.articles[0]!.id)?.map((s) => s.author.name)).toEqual(['韩梅梅']);
  });

  it('undo takes back only the import: what I wrote after it stays', () => {
    const mine = sharedReview();
    const theirs = copy(mine);
    note(theirs, li, '包里的', 7);
    const { update } = open(encodePackage(theirs, li));
    const merge = applyMerge(mine, update, packageOrigin());
    note(mine, wang, '导入之后写的', 3);
    merge.undo();
    expect(bodies(mine)).toContain('导入之后写的');
    expect(bodies(mine)).not.toContain('包里的');
  });
});
