// @vitest-environment happy-dom
// The proof cycle in the state layer, with in-memory providers: adding the next proof carries the
// notes of the one before with their 核红 status; a note that arrives after the proof was added gets
// its record too; a colleague sees the new proof and the same statuses.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { Workspace } from '../../src/lib/state/workspace.svelte.ts';
import { memoryWorld, SAMPLE_BYTES, type MemoryWorld } from './helpers/memory-providers.ts';

const SAMPLE = new TextDecoder().decode(SAMPLE_BYTES);
const open: Array<{ w: Workspace; win: Window }> = [];
afterEach(async () => {
  for (const { w, win } of open.splice(0)) {
    await w.destroy();
    await win.happyDOM.close();
  }
});

function boot(world: MemoryWorld, name: string, url = 'http://proofroom.test/'): Workspace {
  const win = new Window({ url });
  win.localStorage.setItem('proofroom.identity', JSON.stringify({ id: `u${name}tester`, name, colour: '#0f766e' }));
  const w = new Workspace(world.device(), { window: win as unknown as globalThis.Window, storage: win.localStorage as unknown as Storage, base: '/' });
  open.push({ w, win });
  w.start(url.includes('#/join/') ? url : null);
  return w;
}

function revised(edits: Array<[string, string]>): Issue {
  let text = SAMPLE;
  for (const [a, b] of edits) text = text.replace(a, b);
  return parseText(text, { name: '二校.txt', bytes: text.length, encoding: 'utf-8', format: 'text' });
}

async function ready(w: Workspace): Promise<void> {
  await expect.poll(() => w.desk.session?.proofs[0]?.issue?.id ?? null).toBe(w.reader.base?.id ?? 'none');
}

function note(w: Workspace, phrase: string, kind: 'comment' | 'suggestion', proposal?: string): string {
  const article = w.reader.article!;
  const block = article.blocks.find((b) => b.text.includes(phrase))!;
  const start = block.text.indexOf(phrase);
  const target = { articleId: article.id, blockId: block.id, start, endBlockId: block.id, end: start + phrase.length, quote: phrase, prefix: block.text.slice(Math.max(0, start - 32), start), suffix: block.text.slice(start + phrase.length, start + phrase.length + 32) };
  const r = w.desk.session!.createNote({ target, kind, category: 'typo', body: kind === 'comment' ? phrase : '', proof: w.reader.proofId, ...(proposal ? { suggestion: { op: 'replace' as const, text: proposal } } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

const statusOf = (w: Workspace, id: string) => w.desk.session!.carry.get(w.reader.proof!.id)?.get(id)?.status;

describe('Rounds', () => {
  it('adds the next proof, carries the notes with their 核红 status, and shows the new proof', async () => {
    const world = memoryWorld();
    const a = boot(world, 'a');
    await expect.poll(() => a.reader.article?.title).toBeTruthy();
    await ready(a);
    const applied = note(a, '崇高职务', 'suggestion', '光荣职务');
    const ignored = note(a, '最大动力', 'suggestion', '根本动力');
    const kept = note(a, '沉甸甸的责任', 'comment');

    expect(a.rounds.add(revised([['这一崇高职务', '这一光荣职务']]))).toBe('written');
    expect(a.reader.proof?.round).toBe(2);
    expect(a.reader.article?.blocks.some((b) => b.text.includes('这一光荣职务'))).toBe(true);
    expect([statusOf(a, applied), statusOf(a, ignored), statusOf(a, kept)]).toEqual(['applied', 'not-applied', 'unchanged']);
    // Adding the same file again changes nothing and just shows it.
    expect(a.rounds.add(revised([['这一崇高职务', '这一光荣职务']]))).toBe('unchanged');
  });

  it('a colleague receives the new proof by sync with the same statuses; a note that arrives late gets its record', async () => {
    const world = memoryWorld();
    const a = boot(world, 'a');
    await expect.poll(() => a.reader.article?.title).toBeTruthy();
    await ready(a);
    const link = a.collab.share()!;
    const b = boot(world, 'b', link);
    await expect.poll(() => b.reader.base?.id ?? null).toBe(a.reader.base!.id);
    await ready(b);

    const applied = note(a, '崇高职务', 'suggestion', '光荣职务');
    b.reader.setRound(1);
    a.rounds.add(revised([['这一崇高职务', '这一光荣职务']]));
    await expect.poll(() => b.desk.session!.proofs.length).toBe(2);
    b.reader.setRound(2);
    expect(b.reader.proof?.round).toBe(2);
    expect(statusOf(b, applied)).toBe('applied');

    // B had been marking 一校 and writes one more note there now: nobody carried it yet.
    b.reader.setRound(1);
    const late = note(b, '恪尽职守', 'suggestion', '尽职尽责');
    b.reader.setRound(2);
    expect(b.desk.session!.notesIn(b.reader.proof!.id).all.find((p) => p.note.id === late)?.pending).toBe(true);
    expect(b.rounds.fillCarry()).toBeGreaterThan(0);
    expect(statusOf(b, late)).toBe('not-applied');
    await expect.poll(() => a.desk.session!.carry.get(a.reader.proof!.id)?.get(late)?.status).toBe('not-applied');
    // Nothing is left to fill, on either side.
    expect(a.rounds.fillCarry()).toBe(0);
  });
});
