// The issue text in a review doc: a peer who deletes, damages or replaces it is reported and the
// text is written back from this device's copy; an issue too big to travel is named instead.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guardIssue, issueDamage, type IssueDamage } from '../../src/lib/review/issue-guard.ts';
import { readIssue, setIssue } from '../../src/lib/review/issue-field.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const turn = () => new Promise<void>((r) => queueMicrotask(r));

/** My doc with the issue and a guard over it; a peer's doc in sync with it. */
function pair() {
  const issue = handBuiltIssue();
  const mine = new Y.Doc();
  setIssue(mine, issue);
  const restores: IssueDamage[] = [];
  const stop = guardIssue(mine, issue.id, { own: () => issue, onRestore: (d) => restores.push(d) });
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(mine));
  const deliver = () => Y.applyUpdate(mine, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(mine)), 'peer');
  return { issue, mine, peer, restores, stop, deliver };
}

describe('the issue guard', () => {
  const damages: [IssueDamage, (m: Y.Map<unknown>, doc: Y.Doc) => void][] = [
    ['removed', (m) => m.forEach((_, k) => m.delete(k))],
    ['damaged', (m) => m.set('json', '{"format":"proofroom-issue","version":1')],
    ['damaged', (m) => m.set('json', 42)],
    ['replaced', (m) => m.set('json', JSON.stringify({ ...handBuiltIssue(), id: 'iother', title: '别的刊物' }))],
  ];
  for (const [damage, write] of damages) {
    it(`writes the issue back after a peer's ${damage} one, and says so`, async () => {
      const { issue, mine, peer, restores, deliver } = pair();
      peer.transact(() => write(peer.getMap('issue'), peer));
      deliver();
      expect(issueDamage(mine, issue.id)).toBe(damage);
      await turn();
      expect(readIssue(mine).issue?.id).toBe(issue.id);
      expect(readIssue(mine).issue?.title).toBe(issue.title);
      expect(restores).toEqual([damage]);
      // The repair travels back: the peer has the right text again.
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(peer)));
      expect(readIssue(peer).issue?.id).toBe(issue.id);
    });
  }

  it('does nothing for an honest peer, nor for its own writes, nor once stopped', async () => {
    const { mine, peer, restores, stop, deliver } = pair();
    peer.getMap('notes').set('n', 1);
    deliver();
    await turn();
    expect(restores).toEqual([]);
    stop();
    peer.getMap('issue').delete('json');
    deliver();
    await turn();
    expect(restores).toEqual([]);
    expect(readIssue(mine).issue).toBeNull();
  });

  it('names an issue too big to share instead of writing it, and a reader learns its size', () => {
    const issue = handBuiltIssue();
    const doc = new Y.Doc();
    const limit = JSON.stringify(issue).length - 1;
    expect(setIssue(doc, issue, { limit })).toBe('too-large');
    expect(readIssue(doc)).toEqual({ issue: null, invalid: null, tooLarge: { id: issue.id, chars: limit + 1 } });
    // Asked again, nothing more is written.
    const before = Y.encodeStateVector(doc);
    expect(setIssue(doc, issue, { limit })).toBe('too-large');
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(issueDamage(doc, issue.id)).toBeNull();
  });
});
