// Where a block quotes: the spans between paired quotation marks (or book-title marks), which some
// checks leave alone — a slogan repeated in quotes is not a duplicate, a quoted traditional title
// is meant to be traditional.

export type Span = readonly [start: number, end: number];

export const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
];

export const TITLE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['《', '》'],
  ['〈', '〉'],
];

/** Outermost spans from an opening mark to its closing mark, both included; unclosed marks span nothing. */
interface PairTable {
  opens: string;
  closes: string;
  lo: number;
  hi: number;
}

const tables = new WeakMap<ReadonlyArray<readonly [string, string]>, PairTable>();

function tableOf(pairs: ReadonlyArray<readonly [string, string]>): PairTable {
  let table = tables.get(pairs);
  if (!table) {
    const opens = pairs.map((p) => p[0]).join('');
    const closes = pairs.map((p) => p[1]).join('');
    const codes = [...opens, ...closes].map((c) => c.charCodeAt(0));
    table = { opens, closes, lo: Math.min(...codes), hi: Math.max(...codes) };
    tables.set(pairs, table);
  }
  return table;
}

/** Outermost spans from an opening mark to its closing mark, both included; unclosed marks span nothing. */
export function pairedSpans(text: string, pairs: ReadonlyArray<readonly [string, string]> = QUOTE_PAIRS): Span[] {
  const { opens, closes, lo, hi } = tableOf(pairs);
  const spans: Span[] = [];
  const stack: Array<{ close: string; at: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < lo || code > hi) continue; // Han text and ASCII fall outside every pair
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (top && ch === top.close) {
      stack.pop();
      if (stack.length === 0) spans.push([top.at, i + 1]);
      continue;
    }
    const k = opens.indexOf(ch);
    if (k >= 0) stack.push({ close: closes[k]!, at: i });
  }
  return spans;
}
