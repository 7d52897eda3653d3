// Presence sends at most one message per window: a drag-selection that changes 20 times in a
// moment goes out as the first change at once and the last one at the window's end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { Presence, type PresenceState } from '../../src/lib/sync/presence.ts';

const me: PresenceState = { user: { id: 'u1', name: '甲', colour: '#112233' }, article: 'a1', selection: null, idle: false };
const sel = (end: number) => ({ blockId: 'p1', start: 0, endBlockId: 'p1', end });

afterEach(() => vi.useRealTimers());

describe('presence throttling', () => {
  it('merges changes inside the window and sends the latest at its end', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const awareness = new Awareness(new Y.Doc());
    const sent: unknown[] = [];
    awareness.on('change', () => sent.push(awareness.getLocalState()?.selection ?? null));
    const presence = new Presence(awareness, me, { throttleMs: 500 });
    vi.advanceTimersByTime(600); // the introduction was a send too: let its window pass
    const before = sent.length;
    for (let i = 1; i <= 20; i++) {
      presence.update({ selection: sel(i) });
      vi.advanceTimersByTime(10);
    }
    // The first change went at once; the other 19 wait for the window's end.
    expect(sent.slice(before)).toEqual([sel(1)]);
    vi.advanceTimersByTime(500);
    expect(sent.slice(before)).toEqual([sel(1), sel(20)]);
    expect(presence.local.selection).toEqual(sel(20));
    // A change after a quiet spell goes at once again.
    vi.advanceTimersByTime(1000);
    presence.update({ article: 'a2' });
    expect(awareness.getLocalState()?.article).toBe('a2');
    presence.destroy();
    awareness.destroy();
  });

  it('sends nothing after it is destroyed, and every change at once without a window', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const awareness = new Awareness(new Y.Doc());
    const throttled = new Presence(awareness, me, { throttleMs: 500 });
    vi.advanceTimersByTime(600);
    throttled.update({ selection: sel(1) });
    throttled.update({ selection: sel(2) });
    throttled.destroy();
    vi.advanceTimersByTime(1000);
    expect(awareness.getLocalState()?.selection).toEqual(sel(1));
    const plain = new Presence(awareness, me);
    plain.update({ selection: sel(3) });
    plain.update({ selection: sel(4) });
    expect(awareness.getLocalState()?.selection).toEqual(sel(4));
    plain.destroy();
    awareness.destroy();
  });
});
