// The house list (用字表) as a text file, for import and export: one pair a line, `错 → 对` (or
// `错 -> 对`, or `错<TAB>对`), an optional note after ` # ` (or in a third tab column), `#` lines
// and blank lines ignored. A bad line is reported with its number and skipped; the rest is kept.

import type { HousePair, Message } from './types.ts';

export interface HouseListError {
  /** 1-based. */
  line: number;
  text: string;
  message: Message;
}

export interface ParsedHouseList {
  pairs: HousePair[];
  errors: HouseListError[];
}

/** Longest `wrong` or `right` accepted, in characters. */
export const MAX_TERM = 50;

const ARROW = /\s*(?:→|->)\s*/u;

function splitLine(line: string): { wrong: string; right: string; note?: string } | null {
  let wrong: string;
  let rest: string;
  let note: string | undefined;
  if (line.includes('\t')) {
    const cols = line.split('\t').map((c) => c.trim());
    [wrong, rest] = [cols[0] ?? '', cols[1] ?? ''];
    note = cols.slice(2).join(' ').trim() || undefined;
  } else {
    const m = ARROW.exec(line);
    if (!m) return null;
    wrong = line.slice(0, m.index).trim();
    rest = line.slice(m.index + m[0].length);
  }
  const hash = rest.search(/\s#\s?/u);
  if (hash >= 0) {
    note = rest.slice(hash).replace(/^\s#\s?/u, '').trim() || note;
    rest = rest.slice(0, hash);
  }
  return { wrong, right: rest.trim(), ...(note ? { note } : {}) };
}

export function parseHouseList(text: string): ParsedHouseList {
  const pairs: HousePair[] = [];
  const errors: HouseListError[] = [];
  const seen = new Map<string, { right: string; line: number }>();
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n?|\n/u)
    .forEach((raw, i) => {
      const line = i + 1;
      const text = raw.trim();
      if (!text || text.startsWith('#')) return;
      const fail = (zh: string, en: string) => errors.push({ line, text: raw, message: { zh: `第${line}行：${zh}`, en: `Line ${line}: ${en}` } });
      const pair = splitLine(raw);
      if (!pair) return fail('缺少“→”或制表符，应写作“错 → 对”', 'no “→” or tab; write “wrong → right”');
      if (!pair.wrong || !pair.right) return fail(pair.wrong ? '“→”后面缺少正确写法' : '“→”前面缺少错误写法', pair.wrong ? 'nothing after “→”' : 'nothing before “→”');
      if (pair.wrong === pair.right) return fail('错误写法与正确写法相同', 'the wrong and the right form are the same');
      if ([...pair.wrong].length > MAX_TERM || [...pair.right].length > MAX_TERM) return fail(`词语超过${MAX_TERM}个字`, `longer than ${MAX_TERM} characters`);
      if (ARROW.test(pair.right)) return fail('一行只能有一个“→”', 'more than one “→”');
      const earlier = seen.get(pair.wrong);
      if (earlier) {
        if (earlier.right !== pair.right) fail(`“${pair.wrong}”已在第${earlier.line}行写作“${earlier.right}”`, `“${pair.wrong}” is already on line ${earlier.line} as “${earlier.right}”`);
        return;
      }
      seen.set(pair.wrong, { right: pair.right, line });
      pairs.push(pair);
    });
  return { pairs, errors };
}

export function formatHouseList(pairs: readonly HousePair[]): string {
  return pairs.map((p) => `${p.wrong} → ${p.right}${p.note ? ` # ${p.note}` : ''}\n`).join('');
}
