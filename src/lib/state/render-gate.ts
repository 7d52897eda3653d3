// Decides when the views re-render after the review doc changed. Rendering gets a share of the
// main thread, kept as a running debt: each render adds what it cost beyond `free` ms (a render
// that fits well inside a frame costs nothing), time pays it back at `share` ms per ms. While the debt is under `burst`, a change renders at once, so a lone note from a peer
// or one's own click shows in the next frame. When changes arrive faster than the views can take
// them (eight colleagues writing at once), renders wait until the debt is paid and fold every change
// in between into one, leaving the rest of the main thread to receiving and saving.

export interface RenderGateOptions {
  /** Long-run share of the main thread rendering may take (0..1). */
  share: number;
  /** The first ms of each render are not counted: renders that cheap never need holding back. */
  free: number;
  /** Debt (ms) under which a change renders at once. */
  burst: number;
  /** Own changes render at once under this much debt (they are what the user is waiting for). */
  urgentBurst: number;
  /** The longest a change waits, whatever the debt. */
  maxWait: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

export const DEFAULT_RENDER_GATE: RenderGateOptions = { share: 0.1, free: 4, burst: 60, urgentBurst: 120, maxWait: 1000 };

export class RenderGate {
  readonly #render: () => void;
  readonly #settled: () => Promise<void>;
  readonly #o: Required<RenderGateOptions>;
  #debt = 0;
  #at: number;
  #timer: unknown = null;
  #stopped = false;
  /** Renders done and changes folded into them (for tests and the benchmark). */
  readonly stats = { renders: 0, folded: 0 };

  /** `render` makes the views stale; `settled` resolves once they have re-rendered (Svelte's tick). */
  constructor(render: () => void, settled: () => Promise<void>, options: RenderGateOptions = DEFAULT_RENDER_GATE) {
    this.#render = render;
    this.#settled = settled;
    this.#o = {
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
      ...options,
    };
    this.#at = this.#o.now();
  }

  /** Current debt in ms (after paying back what time has earned). */
  get debt(): number {
    this.#payBack();
    return this.#debt;
  }

  /** A change happened; `urgent` when the user made it here. */
  request(urgent = false): void {
    if (this.#stopped) return;
    this.#payBack();
    const limit = urgent ? this.#o.urgentBurst : this.#o.burst;
    if (this.#debt <= limit) {
      this.#cancel();
      this.#run();
      return;
    }
    if (this.#timer !== null) {
      this.stats.folded++;
      return;
    }
    const wait = Math.min((this.#debt - this.#o.burst) / this.#o.share, this.#o.maxWait);
    this.#timer = this.#o.setTimer(() => {
      this.#timer = null;
      this.#run();
    }, wait);
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  #payBack(): void {
    const now = this.#o.now();
    this.#debt = Math.max(0, this.#debt - (now - this.#at) * this.#o.share);
    this.#at = now;
  }

  #cancel(): void {
    if (this.#timer === null) return;
    this.#o.clearTimer(this.#timer);
    this.#timer = null;
  }

  #run(): void {
    if (this.#stopped) return;
    const start = this.#o.now();
    this.stats.renders++;
    this.#render();
    void this.#settled().then(() => {
      this.#payBack();
      this.#debt += Math.max(0, this.#o.now() - start - this.#o.free);
    });
  }
}
