// @vitest-environment happy-dom
// The app's state classes as main.ts builds them (a Workspace), with in-memory providers: a device
// is its own window, localStorage, library and disk; devices meet only on the in-memory network.
import { describe, expect, it } from 'vitest';
import type { Workspace as WorkspaceType } from '../../src/lib/state/workspace.svelte.ts';
import { closeDevicesAfterEach, device } from './helpers/devices.ts';
import { memoryWorld, SAMPLE_BYTES } from './helpers/memory-providers.ts';

const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';
closeDevicesAfterEach();

const sessionReady = async (w: WorkspaceType) => {
  await expect.poll(() => w.desk.session?.issue?.id ?? null).toBe(w.reader.issue?.id ?? 'none');
  await w.desk.session!.whenLoaded;
};

function commentOnFirstParagraph(w: WorkspaceType, body: string) {
  const article = w.reader.article!;
  const block = article.blocks.find((b) => b.kind === 'paragraph' && b.text.length > 20)!;
  const target = {
    articleId: article.id,
    blockId: block.id,
    start: 2,
    endBlockId: block.id,
    end: 8,
    quote: block.text.slice(2, 8),
    prefix: block.text.slice(0, 2),
    suffix: block.text.slice(8, 40),
  };
  const r = w.desk.session!.createNote({ target, kind: 'comment', category: 'typo', body });
  expect(r.ok).toBe(true);
  return r;
}

describe('Workspace with in-memory providers', () => {
  it('opens the sample on first run, and not again once it was deleted', async () => {
    const d = device(memoryWorld(), 'a');
    const w = await d.boot();
    await expect.poll(() => w.reader.article?.title).toBe(FIRST_TITLE);
    expect(w.library.entries.map((e) => e.fileName)).toEqual(['sample-issue.txt']);
    await w.deleteIssue(w.reader.issue!.id, { notes: false });
    expect(w.library.entries).toEqual([]);

    const again = await d.boot('http://proofroom.test/#/');
    await expect.poll(() => again.reader.ready).toBe(true);
    expect(again.reader.issue).toBeNull();
    expect(again.library.entries).toEqual([]);
  });

  it('keeps notes in the local store across a reload', async () => {
    const d = device(memoryWorld(), 'a');
    const w = await d.boot();
    await expect.poll(() => w.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(w);
    commentOnFirstParagraph(w, '重启之后还在');
    await w.desk.session!.flush();

    const again = await d.boot();
    await expect.poll(() => again.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(again);
    expect(again.desk.session!.notes.notes.map((n) => n.body)).toEqual(['重启之后还在']);
  });

  it('opening the same file again keeps the undo history', async () => {
    const d = device(memoryWorld(), 'a');
    const w = await d.boot();
    await expect.poll(() => w.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(w);
    commentOnFirstParagraph(w, '可以撤销');
    expect(w.desk.session!.canUndo).toBe(true);

    await w.reader.openFile(new Blob([SAMPLE_BYTES]), 'sample-issue.txt');
    await w.desk.session!.whenLoaded;
    // provideIssue runs after the store's whenSynced: wait a turn for it, then look.
    await new Promise<void>((r) => queueMicrotask(r));
    await w.desk.session!.flush();
    expect(w.desk.session!.canUndo).toBe(true);
    w.desk.session!.undo();
    expect(w.desk.session!.notes.notes).toEqual([]);
  });

  it('deleting an issue keeps its review unless asked; asked, the review and the room are gone', async () => {
    const d = device(memoryWorld(), 'a');
    const w = await d.boot();
    await expect.poll(() => w.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(w);
    const issueId = w.reader.issue!.id;
    commentOnFirstParagraph(w, '留着');
    w.collab.share();
    await w.desk.session!.flush();

    await w.deleteIssue(issueId, { notes: false });
    expect(d.providers.disk.reviews.has(issueId)).toBe(true);
    expect(w.collab.settings.roomFor(issueId)).not.toBeNull();

    await w.reader.openFile(new Blob([SAMPLE_BYTES]), 'sample-issue.txt');
    await sessionReady(w);
    expect(w.desk.session!.notes.notes.map((n) => n.body)).toEqual(['留着']);

    await w.deleteIssue(issueId, { notes: true });
    expect(d.providers.disk.reviews.has(issueId)).toBe(false);
    expect(w.collab.settings.roomFor(issueId)).toBeNull();
    expect(w.desk.session).toBeNull();
  });

  it('a colleague who joins by link gets the issue and the notes from the room', async () => {
    const world = memoryWorld();
    const a = device(world, 'a');
    const wa = await a.boot();
    await expect.poll(() => wa.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(wa);
    commentOnFirstParagraph(wa, '给同事看');
    const link = wa.collab.share()!;
    await expect.poll(() => wa.collab.network.state).toBe('connecting');

    const b = device(world, 'b');
    // B has never seen this issue: the first run's sample must not take over from the link.
    const wb = await b.boot(link);
    await expect.poll(() => wb.reader.issue?.id ?? null).toBe(wa.reader.issue!.id);
    await expect.poll(() => wb.reader.article?.title).toBe(FIRST_TITLE);
    expect(wb.library.entries.map((e) => e.id)).toContain(wa.reader.issue!.id);
    await expect.poll(() => wb.desk.session?.notes.notes.map((n) => n.body)).toEqual(['给同事看']);
    expect(wb.collab.network).toMatchObject({ state: 'connected', peers: 1 });
    await expect.poll(() => wa.collab.peers.map((p) => p.user.name)).toEqual(['b']);
  });

  it('a full disk is reported by the session and nothing is lost meanwhile', async () => {
    const d = device(memoryWorld(), 'a');
    const w = await d.boot();
    await expect.poll(() => w.reader.article?.title).toBe(FIRST_TITLE);
    await sessionReady(w);
    d.providers.disk.failWritesAfter = d.providers.disk.writes;
    commentOnFirstParagraph(w, '磁盘满了');
    await w.desk.session!.flush();
    expect(w.desk.session!.storeError?.kind).toBe('quota');
    expect(w.desk.session!.saveState).toBe('error');
    expect(w.desk.session!.notes.notes.map((n) => n.body)).toEqual(['磁盘满了']);
  });
});
