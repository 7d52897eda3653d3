// @vitest-environment happy-dom
// 校对助手 in the state layer, with in-memory providers: findings of the proof on screen; accepting
// one makes a suggestion by me (and deleting that note opens the finding again); dismissing one
// holds for a colleague and across a reload; a house-list pair one editor adds gives findings to
// both; checks switched off stay off; the error-rate meter counts accepted suggestions.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/lib/checks/types.ts';
import type { Workspace } from '../../src/lib/state/workspace.svelte.ts';
import { closeDevicesAfterEach, device } from './helpers/devices.ts';
import { memoryWorld } from './helpers/memory-providers.ts';

closeDevicesAfterEach();

async function ready(w: Workspace): Promise<void> {
  await expect.poll(() => w.reader.article?.title ?? null).toBeTruthy();
  await expect.poll(() => w.desk.session?.issue?.id ?? null).toBe(w.reader.issue!.id);
  await w.desk.session!.whenLoaded;
}

/** A phrase of the first article that no check flags by itself, made wrong by a house-list pair. */
const PHRASE = '沉甸甸的责任';
const findingOf = (w: Workspace, quote = PHRASE): Finding | undefined => w.checker.findings.find((f) => f.quote === quote);

// Three workspaces run every check over the whole sample in this thread (a worker in the app).
describe('Checker', { timeout: 40_000 }, () => {
  it('a house-list pair gives findings to both editors; a dismissal holds for the colleague and after a reload', async () => {
    const world = memoryWorld();
    const a = device(world, 'a');
    const wa = await a.boot();
    await ready(wa);
    expect(findingOf(wa)).toBeUndefined();
    const link = wa.collab.share()!;
    const wb = await device(world, 'b').boot(link);
    await expect.poll(() => wb.reader.issue?.id ?? null).toBe(wa.reader.issue!.id);
    await ready(wb);

    expect(wa.checker.addPair({ wrong: PHRASE, right: '沉重的责任', note: '本刊用法' })).toBe(true);
    expect(wa.checker.addPair({ wrong: '', right: 'x' })).toBe(false);
    await expect.poll(() => findingOf(wa)?.suggestion).toEqual({ op: 'replace', text: '沉重的责任' });
    await expect.poll(() => wb.checker.house.map((p) => p.wrong)).toEqual([PHRASE]);
    await expect.poll(() => findingOf(wb)?.suggestion?.text).toBe('沉重的责任');

    wb.checker.dismiss(findingOf(wb)!);
    expect(findingOf(wb)).toBeUndefined();
    await expect.poll(() => findingOf(wa)).toBeUndefined();
    const who = [...wa.desk.session!.marks.byKey.values()][0]!;
    expect(who).toMatchObject({ status: 'dismissed', by: { name: 'b' } });
    // Dismissing is no note: nobody's undo brings the finding back.
    expect(wb.desk.session!.canUndo).toBe(false);

    const again = await a.boot();
    await ready(again);
    await expect.poll(() => again.checker.house.length).toBe(1);
    // The checks have run again (the pair is there) and the finding stays dismissed.
    await expect.poll(() => again.checker.checks.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(findingOf(again)).toBeUndefined();
  });

  it('accepting makes a suggestion by me; deleting it opens the finding again; the meter counts accepted errors', async () => {
    const world = memoryWorld();
    const wa = await device(world, 'a').boot();
    await ready(wa);
    wa.checker.addPair({ wrong: PHRASE, right: '沉重的责任' });
    await expect.poll(() => findingOf(wa)).toBeTruthy();
    const before = wa.checker.errorRate(wa.reader.article!.id)!;
    expect(before.errors).toBe(0);
    expect(before.chars).toBeGreaterThan(1000);

    const id = wa.checker.accept(findingOf(wa)!)!;
    const note = wa.desk.session!.notes.notes.find((n) => n.id === id)!;
    expect(note).toMatchObject({ kind: 'suggestion', author: { name: 'a' }, suggestion: { op: 'replace', text: '沉重的责任' } });
    expect(note.target.quote).toBe(PHRASE);
    expect(findingOf(wa)).toBeUndefined();
    // Accepted into a suggestion, it counts as a confirmed error.
    expect(wa.checker.errorRate(wa.reader.article!.id)!.errors).toBe(1);
    const issue = wa.checker.errorRate(null)!;
    expect(issue.chars).toBeGreaterThan(before.chars);
    expect(issue.per10k).toBeCloseTo((1 / issue.chars) * 10_000, 6);

    wa.desk.session!.deleteNote(id);
    expect(findingOf(wa)).toBeTruthy();
    expect(wa.checker.errorRate(wa.reader.article!.id)!.errors).toBe(0);
  });

  it('"none like this" dismisses every finding of the check with that text; a check switched off stays off', async () => {
    const world = memoryWorld();
    const d = device(world, 'a');
    const wa = await d.boot();
    await ready(wa);
    wa.checker.addPair({ wrong: '的', right: '地' });
    await expect.poll(() => wa.checker.findings.filter((f) => f.quote === '的').length).toBeGreaterThan(3);
    const first = wa.checker.findings.find((f) => f.quote === '的')!;
    wa.checker.dismissAllLike(first);
    expect(wa.checker.findings.filter((f) => f.quote === '的')).toEqual([]);

    wa.checker.addPair({ wrong: PHRASE, right: '沉重的责任' });
    await expect.poll(() => findingOf(wa)).toBeTruthy();
    const check = findingOf(wa)!.check;
    wa.checker.setEnabled(check, false);
    expect(wa.checker.findings.filter((f) => f.check === check)).toEqual([]);
    const again = await d.boot();
    await ready(again);
    await expect.poll(() => again.checker.checks.length).toBeGreaterThan(0);
    expect(again.checker.disabled.has(check)).toBe(true);
    expect(findingOf(again)).toBeUndefined();
    again.checker.setEnabled(check, true);
    await expect.poll(() => findingOf(again)).toBeTruthy();
  });
});
