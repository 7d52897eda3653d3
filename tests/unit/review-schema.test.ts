import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Issue } from '../../src/lib/issue/types.ts';
import {
  LIMITS,
  LOCAL_ORIGIN,
  addReply,
  articleState,
  canEdit,
  createNote,
  deleteNote,
  deleteReply,
  editNote,
  editReply,
  observeReview,
  readIssue,
  readLedger,
  readNote,
  readNotes,
  revokeSignOff,
  setIssue,
  setStatus,
  signOff,
  type Author,
  type NoteDraft,
} from '../../src/lib/review/index.ts';

const wang: Author = { id: 'u-wang', name: '王敏', colour: '#aa3355' };
const li: Author = { id: 'u-li', name: '李华', colour: '#3355aa' };

const target = {
  articleId: 'a1',
  blockId: 'a1.3',
  start: 4,
  endBlockId: 'a1.3',
  end: 8,
  quote: '高质量发',
  prefix: '坚持推动',
  suffix: '展，',
};

const comment = (over: Partial<NoteDraft> = {}): NoteDraft => ({ target, kind: 'comment', category: 'typo', body: '“发”字有误', ...over });

function sampleIssue(id = 'issue-1'): Issue {
  return {
    format: 'proofroom-issue',
    version: 1,
    id,
    title: '2023年第3期',
    language: 'zh',
    masthead: { board: [{ role: '主编', names: ['王敬斋'] }], other: [] },
    sections: [{ id: 's1', title: '学习强会', entries: [] }],
    articles: [
      {
        id: 'a1',
        title: '标题',
        sectionId: 's1',
        tocEntryId: null,
        titleMismatch: false,
        blocks: [{ id: 'a1.0', kind: 'title', text: '标题' }, { id: 'a1.1', kind: 'paragraph', text: '坚持推动高质量发展。' }],
      },
    ],
    source: { name: 'x.txt', bytes: 10, encoding: 'utf-8', format: 'text' },
  };
}

describe('the issue inside the review doc', () => {
  it('is written once: the same issue again writes nothing', () => {
    const doc = new Y.Doc();
    expect(setIssue(doc, sampleIssue())).toBe('written');
    let updates = 0;
    doc.on('update', () => updates++);
    expect(setIssue(doc, sampleIssue())).toBe('unchanged');
    expect(updates).toBe(0);
    expect(readIssue(doc).issue).toEqual(sampleIssue());
  });

  it('refuses a different issue in the same doc', () => {
    const doc = new Y.Doc();
    setIssue(doc, sampleIssue('one'));
    expect(setIssue(doc, sampleIssue('two'))).toBe('conflict');
    expect(readIssue(doc).issue?.id).toBe('one');
  });

  it('reaches a peer with the doc, and a malformed one from a peer is reported, not returned', () => {
    const a = new Y.Doc();
    setIssue(a, sampleIssue());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readIssue(b).issue?.articles[0]?.blocks[1]?.text).toBe('坚持推动高质量发展。');

    const c = new Y.Doc();
    c.getMap('issue').set('json', '{"format":"proofroom-issue","version":1,"id":5}');
    const read = readIssue(c);
    expect(read.issue).toBeNull();
    expect(read.invalid?.kind).toBe('issue');
    expect(readIssue(new Y.Doc())).toEqual({ issue: null, invalid: null, tooLarge: null });
  });
});

describe('notes', () => {
  it('round-trip every field through the doc and to a peer', () => {
    const doc = new Y.Doc();
    const r = createNote(doc, comment({ colour: 'green' }), wang, 1_700_000_000_123);
    expect(r.ok).toBe(true);
    const id = r.ok ? r.id : '';
    const expected = {
      id,
      target,
      kind: 'comment',
      category: 'typo',
      colour: 'green',
      author: wang,
      created: 1_700_000_000_123,
      edited: null,
      status: 'open',
      body: '“发”字有误',
      suggestion: null,
      replies: [],
      proof: null,
      decisions: [],
      conflict: null,
      problems: [],
    };
    expect(readNote(doc, id)).toEqual(expected);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(readNotes(peer).notes).toEqual([expected]);
  });

  it('keep a selection across blocks and a suggestion with its proposed text', () => {
    const doc = new Y.Doc();
    const across = { ...target, endBlockId: 'a1.4', end: 2, quote: '发展。\n我们' };
    const r = createNote(doc, { target: across, kind: 'suggestion', category: 'punctuation', suggestion: { op: 'replace', text: '发展；\n我们' } }, li);
    expect(r.ok).toBe(true);
    const note = readNotes(doc).notes[0]!;
    expect(note.target).toEqual(across);
    expect(note.suggestion).toEqual({ op: 'replace', text: '发展；\n我们' });
    expect(note.colour).toBeNull();
  });

  it('refuse invalid drafts and write nothing', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    const tooLong = createNote(doc, comment({ body: 'x'.repeat(LIMITS.bodyLength + 1) }), wang);
    expect(tooLong).toMatchObject({ ok: false, reason: 'invalid' });
    expect(createNote(doc, { target, kind: 'suggestion', category: 'typo' }, wang)).toMatchObject({ ok: false });
    expect(createNote(doc, comment({ kind: 'memo' as never }), wang)).toMatchObject({ ok: false });
    expect(createNote(doc, comment(), { ...wang, name: '' })).toMatchObject({ ok: false });
    expect(createNote(doc, comment({ target: { ...target, start: 9, end: 2 } }), wang)).toMatchObject({ ok: false });
    expect(updates).toBe(0);
    expect(createNote(doc, comment({ body: 'x'.repeat(LIMITS.bodyLength) }), wang).ok).toBe(true);
  });

  it('are edited and deleted by their author only', () => {
    const doc = new Y.Doc();
    const r = createNote(doc, comment(), wang, 100);
    const id = r.ok ? r.id : '';
    expect(editNote(doc, id, li.id, { body: '改' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(editNote(doc, id, wang.id, { body: '改过', category: 'fact', colour: 'pink' }, 200)).toEqual({ ok: true, id });
    const note = readNote(doc, id)!;
    expect(note).toMatchObject({ body: '改过', category: 'fact', colour: 'pink', edited: 200, created: 100 });
    expect(canEdit(note, wang.id)).toBe(true);
    expect(canEdit(note, li.id)).toBe(false);
    expect(editNote(doc, id, wang.id, { colour: null }).ok).toBe(true);
    expect(readNote(doc, id)!.colour).toBeNull();
    expect(editNote(doc, id, wang.id, { proposal: 'x' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(deleteNote(doc, id, li.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(deleteNote(doc, id, wang.id).ok).toBe(true);
    expect(readNote(doc, id)).toBeNull();
    expect(deleteNote(doc, id, wang.id)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('are resolved and reopened by anyone; only suggestions are accepted or rejected', () => {
    const doc = new Y.Doc();
    const c = createNote(doc, comment(), wang);
    const s = createNote(doc, { target, kind: 'suggestion', category: 'typo', suggestion: { op: 'delete', text: '' } }, wang);
    const cid = c.ok ? c.id : '';
    const sid = s.ok ? s.id : '';
    expect(setStatus(doc, cid, 'resolved').ok).toBe(true);
    expect(readNote(doc, cid)!.status).toBe('resolved');
    expect(setStatus(doc, cid, 'accepted')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(setStatus(doc, cid, 'open').ok).toBe(true);
    expect(readNote(doc, cid)!.status).toBe('open');
    expect(setStatus(doc, sid, 'rejected').ok).toBe(true);
    expect(readNote(doc, sid)!.status).toBe('rejected');
    expect(setStatus(doc, 'nope', 'resolved')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('carry a thread of replies, each edited or deleted by its author only', () => {
    const doc = new Y.Doc();
    const r = createNote(doc, comment(), wang);
    const id = r.ok ? r.id : '';
    const r1 = addReply(doc, id, '同意', li, 10);
    const r2 = addReply(doc, id, '已改', wang, 20);
    expect(r1.ok && r2.ok).toBe(true);
    const rid1 = r1.ok ? r1.id : '';
    expect(readNote(doc, id)!.replies.map((x) => x.body)).toEqual(['同意', '已改']);
    expect(editReply(doc, id, rid1, wang.id, '改别人的')).toEqual({ ok: false, reason: 'forbidden' });
    expect(editReply(doc, id, rid1, li.id, '同意，谢谢', 30).ok).toBe(true);
    expect(readNote(doc, id)!.replies[0]).toMatchObject({ body: '同意，谢谢', edited: 30, created: 10, author: li });
    expect(addReply(doc, id, '', li)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(addReply(doc, id, 'x'.repeat(LIMITS.replyLength + 1), li)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(deleteReply(doc, id, rid1, wang.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(deleteReply(doc, id, rid1, li.id).ok).toBe(true);
    expect(readNote(doc, id)!.replies.map((x) => x.body)).toEqual(['已改']);
  });

  it('are grouped and counted per article', () => {
    const doc = new Y.Doc();
    createNote(doc, comment(), wang, 1);
    const second = createNote(doc, comment(), li, 2);
    createNote(doc, comment({ target: { ...target, articleId: 'a2', blockId: 'a2.1', endBlockId: 'a2.1' } }), li, 3);
    if (second.ok) setStatus(doc, second.id, 'resolved');
    const view = readNotes(doc);
    expect(view.notes.map((n) => n.created)).toEqual([1, 2, 3]);
    expect(view.byArticle.get('a1')?.length).toBe(2);
    expect(view.counts.get('a1')).toEqual({ total: 2, open: 1 });
    expect(view.counts.get('a2')).toEqual({ total: 1, open: 1 });
    expect(view.invalid).toEqual([]);
  });

  it('tag every local transaction with the local origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    setIssue(doc, sampleIssue());
    const r = createNote(doc, comment(), wang);
    const id = r.ok ? r.id : '';
    editNote(doc, id, wang.id, { body: 'b' });
    setStatus(doc, id, 'resolved');
    const reply = addReply(doc, id, 'r', li);
    if (reply.ok) editReply(doc, id, reply.id, li.id, 'r2');
    signOff(doc, 'a1', wang);
    revokeSignOff(doc, 'a1', wang.id);
    deleteNote(doc, id, wang.id);
    expect(origins.length).toBe(9);
    expect(origins.every((o) => o === LOCAL_ORIGIN)).toBe(true);
  });
});

describe('observeReview', () => {
  it('reports each changing transaction once, local or remote, until unsubscribed', () => {
    const doc = new Y.Doc();
    const seen: unknown[] = [];
    const stop = observeReview(doc, (tr) => seen.push(tr.origin));
    const r = createNote(doc, comment(), wang);
    if (r.ok) addReply(doc, r.id, '回复', li);
    signOff(doc, 'a1', wang);
    doc.getMap('elsewhere').set('x', 1);
    const peer = new Y.Doc();
    createNote(peer, comment(), li);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'remote');
    expect(seen).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN, 'remote']);
    stop();
    createNote(doc, comment(), wang);
    expect(seen).toHaveLength(4);
  });
});

describe('the ledger', () => {
  it('records who signed an article off and when, and takes a sign-off back', () => {
    const doc = new Y.Doc();
    expect(signOff(doc, 'a1', wang, 50).ok).toBe(true);
    expect(signOff(doc, 'a1', li, 40).ok).toBe(true);
    let ledger = readLedger(doc);
    expect(ledger.signOffs.get('a1')).toEqual([
      { articleId: 'a1', proof: null, author: li, at: 40, problems: [] },
      { articleId: 'a1', proof: null, author: wang, at: 50, problems: [] },
    ]);
    expect(articleState(undefined, ledger.signOffs.get('a1'))).toBe('signed-off');
    expect(revokeSignOff(doc, 'a1', wang.id).ok).toBe(true);
    expect(revokeSignOff(doc, 'a1', wang.id)).toEqual({ ok: false, reason: 'not-found' });
    ledger = readLedger(doc);
    expect(ledger.signOffs.get('a1')?.map((s) => s.author.id)).toEqual([li.id]);
    expect(articleState({ total: 2, open: 1 }, undefined)).toBe('in-review');
    expect(articleState(undefined, [])).toBe('unreviewed');
  });
});
