// Body lines indexed by the first characters of their squashed text, so finding each contents
// title in the body stays linear in the size of the issue.

export interface Line {
  text: string;
  sq: string;
  /** Blank lines before this one. */
  gap: number;
}

const KEY = 4;

/** Body lines by the first few characters of their squashed text, so title lookups stay linear. */
export class LineIndex {
  readonly #byKey = new Map<string, number[]>();
  constructor(readonly lines: Line[]) {
    lines.forEach((l, k) => {
      if (l.sq.length < KEY) return;
      const key = l.sq.slice(0, KEY);
      const list = this.#byKey.get(key);
      if (list) list.push(k);
      else this.#byKey.set(key, [k]);
    });
  }

  /** Line numbers ≥ `from` that could open title `t`, in order. */
  *candidates(t: string, from: number): Generator<number> {
    if (t.length < KEY) {
      for (let k = from; k < this.lines.length; k++) yield k;
      return;
    }
    const list = this.#byKey.get(t.slice(0, KEY)) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) yield list[i]!;
  }

  /** Whether some line opens `t` or is opened by it (a title printed on one line, or its first line). */
  opens(t: string): boolean {
    for (const k of this.candidates(t, 0)) {
      const sq = this.lines[k]!.sq;
      if (t.startsWith(sq) || sq.startsWith(t)) return true;
    }
    return false;
  }
}
