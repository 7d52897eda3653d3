// The machinery under compare: the token stream, the Myers diff (checked against a brute-force LCS),
// the alignment's position mapping, and shaping hunks into whole words.
import { describe, expect, it } from 'vitest';
import { Alignment, mapRange } from '../../src/lib/compare/alignment.ts';
import { diffIds, type Hunk } from '../../src/lib/compare/myers.ts';
import { Interner, tokenize, type Tokens } from '../../src/lib/compare/tokens.ts';
import { cleanHunks, growToWords, wordBoundaries } from '../../src/lib/compare/words.ts';

const words = (text: string, t: Tokens) => Array.from(t.ids, (_, i) => text.slice(t.starts[i], t.ends[i]));

describe('tokenize', () => {
  const interner = new Interner();
  const split = (text: string) => words(text, tokenize(text, interner));

  it('makes every CJK character and punctuation mark a token and drops whitespace and breaks', () => {
    expect(split('青海 省\n总工会，２０２３年')).toEqual(['青', '海', '省', '总', '工', '会', '，', '２０２３', '年']);
    expect(split('  \n\u3000 ')).toEqual([]);
  });

  it('keeps words, numbers with inner separators and apostrophes whole', () => {
    expect(split("It cost 1,200 dollars (3.5%), don't ask.")).toEqual([
      'It', 'cost', '1,200', 'dollars', '(', '3.5', '%', ')', ',', "don't", 'ask', '.',
    ]);
    expect(split('2023年3月, version 2.')).toEqual(['2023', '年', '3', '月', ',', 'version', '2', '.']);
  });

  it('gives equal tokens equal ids in different texts, and records offsets', () => {
    const a = tokenize('the year 2023', interner);
    const b = tokenize('2023: the\nyear', interner);
    expect(a.ids[2]).toBe(b.ids[0]);
    expect(a.ids[0]).toBe(b.ids[2]);
    expect(Array.from(b.starts)).toEqual([0, 4, 6, 10]);
    expect(Array.from(b.ends)).toEqual([4, 5, 9, 14]);
  });

  it('keeps characters outside the Basic Multilingual Plane whole', () => {
    expect(split('𠀀𠀁a')).toEqual(['𠀀', '𠀁', 'a']);
  });
});

/** Length of a longest common subsequence, by dynamic programming. */
function lcs(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Applies the hunks to `a`, checks they rebuild `b`, and returns how many tokens they keep. */
function replay(a: number[], b: number[], hunks: Hunk[]): number {
  let kept = 0;
  let o = 0;
  let n = 0;
  for (const h of hunks) {
    expect(h.o0 - o).toBe(h.n0 - n);
    expect(a.slice(o, h.o0)).toEqual(b.slice(n, h.n0));
    kept += h.o0 - o;
    expect(h.o1 > h.o0 || h.n1 > h.n0).toBe(true);
    o = h.o1;
    n = h.n1;
  }
  expect(a.slice(o)).toEqual(b.slice(n));
  return kept + a.length - o;
}

describe('diffIds', () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const randomArray = (n: number, alphabet: number) => Array.from({ length: n }, () => Math.floor(rand() * alphabet));

  it('finds a longest common subsequence on random inputs', () => {
    for (let k = 0; k < 300; k++) {
      const a = randomArray(Math.floor(rand() * 40), 1 + Math.floor(rand() * 6));
      const b = rand() < 0.5 ? randomArray(Math.floor(rand() * 40), 1 + Math.floor(rand() * 6)) : a.map((x) => (rand() < 0.2 ? x + 1 : x));
      const hunks = diffIds(Int32Array.from(a), Int32Array.from(b));
      expect(replay(a, b, hunks)).toBe(lcs(a, b));
      for (let i = 1; i < hunks.length; i++) expect(hunks[i]!.o0).toBeGreaterThan(hunks[i - 1]!.o1);
    }
  });

  it('handles empty and identical inputs', () => {
    expect(diffIds(new Int32Array(0), new Int32Array(0))).toEqual([]);
    expect(diffIds(Int32Array.from([1, 2]), Int32Array.from([1, 2]))).toEqual([]);
    expect(diffIds(new Int32Array(0), Int32Array.from([1, 2]))).toEqual([{ o0: 0, o1: 0, n0: 0, n1: 2 }]);
  });

  it('gives up on a hopeless subproblem with one replacement rather than searching on', () => {
    const a = Int32Array.from({ length: 500 }, (_, i) => i);
    const b = Int32Array.from({ length: 500 }, (_, i) => 1000 + i);
    expect(diffIds(a, b, 10)).toEqual([{ o0: 0, o1: 500, n0: 0, n1: 500 }]);
    const unrelated = diffIds(Int32Array.from(randomArray(3000, 50)), Int32Array.from(randomArray(3000, 50)));
    expect(unrelated.length).toBeGreaterThan(0);
  });
});

describe('Alignment and mapRange', () => {
  const interner = new Interner();
  const pair = (a: string, b: string) => {
    const ta = tokenize(a, interner);
    const tb = tokenize(b, interner);
    return { ta, tb, align: new Alignment(diffIds(ta.ids, tb.ids), ta.ids.length, tb.ids.length) };
  };

  it('maps ranges through reflow and edits elsewhere, keeping offsets inside words', () => {
    const a = 'The quick brown fox jumps over the lazy dog.';
    const b = 'A quick\nbrown  fox leaps over the lazy dog.';
    const { ta, tb, align } = pair(a, b);
    const r = mapRange(align, ta, tb, a.indexOf('brown fox'), a.indexOf('brown fox') + 9);
    expect(b.slice(r.start, r.end)).toBe('brown  fox');
    const part = mapRange(align, ta, tb, a.indexOf('azy'), a.indexOf('azy') + 3);
    expect(b.slice(part.start, part.end)).toBe('azy');
    const changed = mapRange(align, ta, tb, a.indexOf('jumps'), a.indexOf('jumps') + 5);
    expect(b.slice(changed.start, changed.end)).toBe('leaps');
    expect(align.kept(0, ta.ids.length)).toBe(ta.ids.length - 2);
  });

  it('maps points and deleted stretches to points', () => {
    const a = '我们认真地学习文件';
    const b = '我们学习文件';
    const { ta, tb, align } = pair(a, b);
    expect(mapRange(align, ta, tb, 2, 5)).toEqual({ start: 2, end: 2 });
    expect(mapRange(align, ta, tb, 7, 7)).toEqual({ start: 4, end: 4 });
    expect(align.touching(2, 5)).toHaveLength(1);
    expect(align.touching(1, 2)).toHaveLength(0);
    expect(align.touching(2, 2)).toHaveLength(1);
  });
});

describe('cleanHunks and growToWords', () => {
  const interner = new Interner();
  const changes = (a: string, b: string, language: string) => {
    const ta = tokenize(a, interner);
    const tb = tokenize(b, interner);
    const hunks = growToWords(cleanHunks(diffIds(ta.ids, tb.ids), ta.ids), ta, tb, wordBoundaries(a, language), wordBoundaries(b, language));
    return hunks.map((h) => [a.slice(ta.starts[h.o0], ta.ends[h.o1 - 1]), b.slice(tb.starts[h.n0], tb.ends[h.n1 - 1])]);
  };

  it('folds short equal stretches into the changes around them', () => {
    const ids = tokenize('他们认真地学习，文件', interner).ids;
    expect(cleanHunks([{ o0: 0, o1: 2, n0: 0, n1: 2 }, { o0: 3, o1: 5, n0: 3, n1: 5 }], ids)).toEqual([{ o0: 0, o1: 5, n0: 0, n1: 5 }]);
    expect(cleanHunks([{ o0: 0, o1: 1, n0: 0, n1: 1 }, { o0: 5, o1: 6, n0: 5, n1: 6 }], ids)).toHaveLength(2);
    expect(changes('他们认真地学习了文件', '大家仔细地阅读了材料', 'zh')).toEqual([['他们认真地学习了文件', '大家仔细地阅读了材料']]);
  });

  it('never folds across punctuation', () => {
    const ids = tokenize('品牌建设，注重提升', interner).ids;
    expect(cleanHunks([{ o0: 2, o1: 4, n0: 2, n1: 4 }, { o0: 5, o1: 7, n0: 5, n1: 7 }], ids)).toHaveLength(2);
  });

  it('reports a changed character as its whole word', () => {
    expect(changes('他在青海工作', '他在清海工作', 'zh')).toEqual([['青海', '清海']]);
  });

  it('reports numbers whole', () => {
    expect(changes('截至2023年底', '截至2024年底', 'zh')).toEqual([['2023', '2024']]);
    expect(changes('about 1,200 people', 'about 1,250 people', 'en')).toEqual([['1,200', '1,250']]);
  });
});
