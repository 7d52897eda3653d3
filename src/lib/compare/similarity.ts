// Cheap string similarity for matching titles: whitespace-free character bigrams and their Dice
// coefficient (1 for the same bigrams, 0 for none shared).
//
//   bare(s) → s without whitespace;  bigrams(s) → Set;  dice(a, b) → 0..1;  titleSimilarity(a, b) → 0..1

export function bare(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

export function bigrams(s: string): Set<string> {
  const chars = Array.from(bare(s));
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

export function titleSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}
