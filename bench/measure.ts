// Timing helpers for the benchmarks: warm up, run N times, report the median.

export interface Metric {
  value: number;
  unit: string;
  target?: string;
  note?: string;
}
export type Results = Record<string, Metric>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function measure(fn: () => unknown, { runs = 20, warmup = 5 } = {}): Metric {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { value: round(median(times)), unit: 'ms' };
}
