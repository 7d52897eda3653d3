// An open-addressing hash table from integer keys (exact up to 2^53) to slots, for counting the
// character n-grams of a whole issue: typed arrays, no per-entry objects, several times faster
// than a Map for the hundreds of thousands of keys a 20-copy issue has.

export class CountTable {
  readonly #keys: Float64Array;
  readonly counts: Int32Array;
  readonly #mask: number;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.#keys = new Float64Array(cap).fill(-1);
    this.counts = new Int32Array(cap);
    this.#mask = cap - 1;
  }

  #probe(key: number): number {
    // Mix the high and low halves; keys are small non-negative integers built from UTF-16 units.
    const lo = key >>> 0;
    const hi = (key / 0x100000000) | 0; // keys stay below 2^53, so the high part fits in 32 bits
    let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) & this.#mask;
    while (this.#keys[h] !== key && this.#keys[h] !== -1) h = (h + 1) & this.#mask;
    return h;
  }

  /** Counts one more `key`; returns its slot. */
  add(key: number): number {
    const h = this.#probe(key);
    if (this.#keys[h] === -1) {
      this.#keys[h] = key;
      this.size++;
    }
    this.counts[h]!++;
    return h;
  }

  /** The slot of `key`, or -1. */
  slot(key: number): number {
    const h = this.#probe(key);
    return this.#keys[h] === key ? h : -1;
  }

  count(key: number): number {
    const h = this.#probe(key);
    return this.#keys[h] === key ? this.counts[h]! : 0;
  }
}
