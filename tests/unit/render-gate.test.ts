// The render gate on a fake clock: a lone change renders at once, a storm is folded into few
// renders that keep to the share, and nothing waits longer than maxWait.

import { describe, expect, it } from 'vitest';
import { RenderGate, type RenderGateOptions } from '../../src/lib/state/render-gate.ts';

function harness(costMs: number, options: Partial<RenderGateOptions> = {}) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const renders: number[] = [];
  let pendingCost = 0;
  const gate = new RenderGate(
    () => {
      renders.push(now);
      pendingCost = costMs;
    },
    // The views re-render in the microtask after update(); the cost is the time that took.
    () => {
      now += pendingCost;
      pendingCost = 0;
      return Promise.resolve();
    },
    {
      share: 0.2,
      free: 0,
      burst: 30,
      urgentBurst: 100,
      maxWait: 500,
      ...options,
      now: () => now,
      setTimer: (fn, ms) => {
        const id = nextId++;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimer: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    },
  );
  // Lets the render and its settled() microtasks run: setImmediate, not setTimeout(0), which Node
  // rounds up to 1 ms, a wait per step that made the 400-step storm take half a second.
  const settle = () => new Promise<void>((r) => setImmediate(r));
  /** Advances the fake clock by `ms`, firing due timers in order. */
  async function advance(ms: number): Promise<void> {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = Math.max(now, t.at);
      t.fn();
      await settle();
    }
    now = Math.max(now, end);
  }
  return { gate, renders, advance, settle, get now() { return now; }, get timers() { return timers.length; } };
}

describe('RenderGate', () => {
  it('renders a lone change at once, every time, when renders are cheap', async () => {
    const h = harness(3);
    for (let i = 0; i < 20; i++) {
      h.gate.request();
      await h.settle();
      await h.advance(40); // a peer's note every 40 ms
    }
    expect(h.renders).toHaveLength(20);
    expect(h.gate.stats.folded).toBe(0);
  });

  it('folds a storm of changes into few renders that keep to the share', async () => {
    const h = harness(50);
    const start = h.now;
    for (let i = 0; i < 400; i++) {
      h.gate.request();
      await h.settle();
      await h.advance(5); // 200 changes a second, 50 ms per render
    }
    await h.advance(1_000);
    const elapsed = h.now - start;
    // Each render costs 50 ms: at a 20 % share that is about one every 250 ms, plus the first burst.
    expect(h.renders.length).toBeLessThan(elapsed / 250 + 3);
    expect(h.renders.length).toBeGreaterThan(3);
    expect(h.gate.stats.folded).toBeGreaterThan(300);
    // The last change is not left unrendered.
    expect(h.timers).toBe(0);
    expect(h.renders.at(-1)!).toBeGreaterThanOrEqual(start + 400 * 5 - 500);
  });

  it('does not count renders that fit inside a frame, however often they come', async () => {
    const h = harness(6, { free: 8 });
    for (let i = 0; i < 200; i++) {
      h.gate.request();
      await h.settle();
      await h.advance(7); // a change every 7 ms, each render 6 ms: cheap, however many
    }
    expect(h.renders).toHaveLength(200);
    expect(h.gate.debt).toBe(0);
  });

  it('never makes a change wait longer than maxWait', async () => {
    const h = harness(400, { maxWait: 300 });
    h.gate.request();
    await h.settle(); // a 400 ms render: debt far above the burst
    const asked = h.now;
    h.gate.request();
    await h.settle();
    await h.advance(2_000);
    expect(h.renders).toHaveLength(2);
    expect(h.renders[1]! - asked).toBeLessThanOrEqual(300);
  });

  it('renders an own change at once under a debt that would hold a colleague’s back', async () => {
    const h = harness(60);
    h.gate.request();
    await h.settle(); // debt 60: over the burst (30), under the urgent burst (100)
    h.gate.request(); // a colleague's change waits
    await h.settle();
    expect(h.renders).toHaveLength(1);
    h.gate.request(true); // the user's own change does not
    await h.settle();
    expect(h.renders).toHaveLength(2);
    expect(h.timers).toBe(0); // the waiting change was rendered with it
  });

  it('does nothing once stopped', async () => {
    const h = harness(100);
    h.gate.request();
    await h.settle();
    h.gate.request();
    h.gate.stop();
    await h.advance(5_000);
    h.gate.request();
    expect(h.renders).toHaveLength(1);
  });
});
