// Compare benchmarks: comparing two proofs of an issue (compareProofs) with notes carried over and
// checked, on the sample and on a synthetic issue 20× its size, each against a plain character diff
// of the same two texts timed in the same run, so the ratio holds from one machine to another.
//
// The revision is made as a typesetter would send it back: the proof's *text* is edited and parsed
// again with parseText. Edits are literal replacements of a stretch of a paragraph with its context
// (unique in the sample's text): suggestions carried out, carried out otherwise, carried out with
// more changed around them (some left alone), a few changes nobody asked for, paragraphs split in
// two, and every contents page number from 20 on moved by 2. The 20× issue is
// synthesizeIssueText(20) with the same replacements made in every copy and the same page shift.
//
// The yardstick is a plain Myers O(ND) diff, written here (linear-space: middle snake, divide and
// conquer), over the code units of each issue's full text: every article's blocks joined by "\n",
// articles joined by "\n". Not src/lib/compare/myers.ts: that one diffs token ids with a budget.

import { articleText, rangeFromOffsets } from '../src/lib/anchor/article-text.ts';
import { describeRange } from '../src/lib/anchor/index.ts';
import { compareProofs, type CarryInput, type CarryStatus, type ProofComparison } from '../src/lib/compare/index.ts';
import { parseText } from '../src/lib/issue/parse-text.ts';
import type { Article, Issue } from '../src/lib/issue/types.ts';
import type { Suggestion } from '../src/lib/review/types.ts';
import { measure, round, type Metric, type Results } from './measure.ts';
import { sampleText, synthesizeIssueText } from './synthetic.ts';

export const targets = {
  'compare.sample.ms': '≤ 200',
  'compare.sample.ratio': 'report',
  'compare.x20.ms': '≤ 3000',
  'compare.x20.ratio': 'report',
};

const SAMPLE_NOTES = 1000;
const X20_NOTES = 5000;
/** Each note of the sample is put on this many of the 20 copies. */
const COPIES_PER_NOTE = X20_NOTES / SAMPLE_NOTES;

// ---- a plain character diff (the yardstick) ----

/**
 * Myers's O(ND) diff of two strings' code units in linear space: find the middle snake of an
 * optimal path from both ends, recurse on either side of it. Returns how many code units were
 * deleted and inserted, and the edit script as runs [op, length] (0 equal, 1 delete, 2 insert).
 */
export function charDiff(a: string, b: string): { deleted: number; inserted: number; script: number[] } {
  const n = a.length;
  const m = b.length;
  const A = new Uint16Array(n);
  const B = new Uint16Array(m);
  for (let i = 0; i < n; i++) A[i] = a.charCodeAt(i);
  for (let j = 0; j < m; j++) B[j] = b.charCodeAt(j);
  const size = n + m + 3;
  const fwd = new Int32Array(2 * size);
  const rev = new Int32Array(2 * size);
  const script: number[] = [];
  let deleted = 0;
  let inserted = 0;
  const emit = (op: number, len: number) => {
    if (len <= 0) return;
    const k = script.length;
    if (k > 0 && script[k - 2] === op) script[k - 1]! += len;
    else script.push(op, len);
    if (op === 1) deleted += len;
    else if (op === 2) inserted += len;
  };

  /** The middle snake of A[x0..x1) × B[y0..y1) (both non-empty), as absolute [startX, startY, endX, endY]. */
  const middle = (x0: number, x1: number, y0: number, y1: number): [number, number, number, number] => {
    const N = x1 - x0;
    const M = y1 - y0;
    const delta = N - M;
    const odd = (delta & 1) !== 0;
    const max = Math.ceil((N + M) / 2);
    fwd[size + 1] = 0;
    rev[size + 1] = 0;
    for (let d = 0; d <= max; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && fwd[size + k - 1]! < fwd[size + k + 1]!) ? fwd[size + k + 1]! : fwd[size + k - 1]! + 1;
        let y = x - k;
        const sx = x;
        const sy = y;
        while (x < N && y < M && A[x0 + x] === B[y0 + y]) {
          x++;
          y++;
        }
        fwd[size + k] = x;
        if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x + rev[size + delta - k]! >= N) {
          return [x0 + sx, y0 + sy, x0 + x, y0 + y];
        }
      }
      for (let k = -d; k <= d; k += 2) {
        // Counted from the ends: x code units of A and y of B consumed backwards.
        let x = k === -d || (k !== d && rev[size + k - 1]! < rev[size + k + 1]!) ? rev[size + k + 1]! : rev[size + k - 1]! + 1;
        let y = x - k;
        const sx = x;
        const sy = y;
        while (x < N && y < M && A[x1 - 1 - x] === B[y1 - 1 - y]) {
          x++;
          y++;
        }
        rev[size + k] = x;
        if (!odd && delta - k >= -d && delta - k <= d && x + fwd[size + delta - k]! >= N) {
          return [x1 - x, y1 - y, x1 - sx, y1 - sy];
        }
      }
    }
    throw new Error('no middle snake');
  };

  const solve = (x0: number, x1: number, y0: number, y1: number): void => {
    let head = 0;
    while (x0 + head < x1 && y0 + head < y1 && A[x0 + head] === B[y0 + head]) head++;
    emit(0, head);
    x0 += head;
    y0 += head;
    let tail = 0;
    while (x1 - tail > x0 && y1 - tail > y0 && A[x1 - 1 - tail] === B[y1 - 1 - tail]) tail++;
    x1 -= tail;
    y1 -= tail;
    if (x0 === x1) emit(2, y1 - y0);
    else if (y0 === y1) emit(1, x1 - x0);
    else {
      const [sx, sy, ex, ey] = middle(x0, x1, y0, y1);
      solve(x0, sx, y0, sy);
      emit(0, ex - sx);
      solve(ex, x1, ey, y1);
    }
    emit(0, tail);
  };
  solve(0, n, 0, m);
  return { deleted, inserted, script };
}

/** `a` rebuilt from `b`'s side of a script, to check the yardstick once (not timed). */
function applyScript(a: string, b: string, script: number[]): string {
  let i = 0;
  let j = 0;
  let out = '';
  for (let k = 0; k < script.length; k += 2) {
    const op = script[k]!;
    const len = script[k + 1]!;
    if (op === 0) {
      if (a.slice(i, i + len) !== b.slice(j, j + len)) throw new Error('char diff: an equal run is not equal');
      out += a.slice(i, i + len);
      i += len;
      j += len;
    } else if (op === 1) i += len;
    else {
      out += b.slice(j, j + len);
      j += len;
    }
  }
  if (i !== a.length || j !== b.length) throw new Error('char diff: the script does not cover both texts');
  return out;
}

/** The issue as one text: every article's blocks joined by "\n", articles joined by "\n". */
const fullText = (issue: Issue) => issue.articles.map((a) => a.blocks.map((b) => b.text).join('\n')).join('\n');

// ---- the revision and the notes ----

type Fate = 'applied' | 'not-applied' | 'changed' | 'applied-with-changes' | null;

/** A note of the sample, placed by its text so it can be found in any copy: left + quote + right. */
interface Spec {
  title: string;
  left: string;
  quote: string;
  right: string;
  kind: CarryInput['kind'];
  suggestion: Suggestion | null;
  /** For suggestions: what the revision does with it. */
  fate: Fate;
}

interface Edit {
  from: string;
  to: string;
}

interface Revision {
  specs: Spec[];
  edits: Edit[];
  splits: number;
  unasked: number;
}

const POOL = ['的', '了', '和', '在', '是', '为', '对', '与', '并', '将'];
const src = (text: string, name: string) => ({ name, bytes: text.length, encoding: 'utf-8', format: 'text' as const });

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const titleOf = (a: Article) => a.blocks.find((b) => b.kind === 'title')?.text ?? a.title;

/** A character of the pool other than those given. */
function other(rand: () => number, ...not: string[]): string {
  for (;;) {
    const c = POOL[Math.floor(rand() * POOL.length)]!;
    if (!not.includes(c)) return c;
  }
}

/** The sample's revision: what to replace in its text, and 1,000 notes on it with what happens to each. */
function planRevision(base: Issue, raw: string): Revision {
  const rand = random(2023);
  const once = (s: string) => !s.includes('\n') && raw.indexOf(s) >= 0 && raw.indexOf(s) === raw.lastIndexOf(s);
  // Edited stretches per block, so no two edits touch.
  const taken = new Map<string, Array<[number, number]>>();
  const free = (block: string, s: number, e: number, margin: number) => !(taken.get(block) ?? []).some(([a, b]) => s < b + margin && a < e + margin);
  const take = (block: string, s: number, e: number) => (taken.get(block) ?? taken.set(block, []).get(block)!).push([s, e]);
  const noted = new Map<string, Array<[number, number]>>();

  const paragraphs = base.articles.flatMap((a) => a.blocks.filter((b) => b.kind === 'paragraph' && b.text.length >= 40).map((b) => ({ a, b })));
  const weight = paragraphs.map((p) => p.b.text.length);
  const totalWeight = weight.reduce((x, y) => x + y, 0);
  const pick = () => {
    let r = rand() * totalWeight;
    for (let i = 0; i < paragraphs.length; i++) if ((r -= weight[i]!) < 0) return paragraphs[i]!;
    return paragraphs[paragraphs.length - 1]!;
  };
  const edits: Edit[] = [];

  // Paragraphs split in two after a full stop in their middle.
  let splits = 0;
  for (let tries = 0; splits < 3 && tries < 1000; tries++) {
    const { b } = pick();
    const p = b.text.indexOf('。', 20 + Math.floor(rand() * (b.text.length - 40)));
    if (p < 0 || p > b.text.length - 20) continue;
    const from = b.text.slice(p - 8, p + 9);
    if (!once(from) || !free(b.id, p - 8, p + 9, 0)) continue;
    take(b.id, p - 8, p + 9);
    edits.push({ from, to: `${b.text.slice(p - 8, p + 1)}\n\n${b.text.slice(p + 1, p + 9)}` });
    splits++;
  }

  const specs: Spec[] = [];
  for (let tries = 0; specs.length < SAMPLE_NOTES && tries < 100_000; tries++) {
    const { a, b } = pick();
    const text = b.text;
    const suggestion = rand() < 0.4;
    const op: Suggestion['op'] = !suggestion ? 'replace' : rand() < 0.15 ? 'delete' : rand() < 0.12 ? 'insert' : 'replace';
    const len = !suggestion ? 2 + Math.floor(rand() * 11) : op === 'insert' ? 0 : op === 'delete' ? 1 + Math.floor(rand() * 3) : 2 + Math.floor(rand() * 4);
    const start = 8 + Math.floor(rand() * (text.length - 16 - len));
    const end = start + len;
    const left = text.slice(start - 8, start);
    const quote = text.slice(start, end);
    const right = text.slice(end, end + 8);
    if (/\s/.test(left + quote + right)) continue;
    const spec: Spec = { title: titleOf(a), left, quote, right, kind: 'comment', suggestion: null, fate: null };
    if (!suggestion) {
      spec.kind = (['comment', 'highlight', 'question'] as const)[specs.length % 3]!;
      specs.push(spec);
      (noted.get(b.id) ?? noted.set(b.id, []).get(b.id)!).push([start, end]);
      continue;
    }
    const middle = Math.floor(quote.length / 2);
    const proposed = op === 'delete' ? '' : op === 'insert' ? other(rand) : `${quote.slice(0, middle)}${other(rand, quote[middle]!)}${quote.slice(middle + 1)}`;
    const r = rand();
    const fate: Fate = r < 0.5 ? 'applied' : r < 0.75 ? 'not-applied' : r < 0.9 ? 'changed' : 'applied-with-changes';
    spec.kind = 'suggestion';
    spec.suggestion = { op, text: proposed };
    spec.fate = fate;
    const from = left + quote + right;
    if (fate !== 'not-applied') {
      if (!once(from) || !free(b.id, start - 8, end + 8, 4)) continue;
      let to: string;
      if (fate === 'applied') to = left + proposed + right;
      else if (fate === 'changed') {
        // Something else than asked: another character in the middle, or for a deletion its first one.
        const otherwise = op === 'insert' ? other(rand, proposed) + other(rand, proposed) : op === 'delete' ? other(rand, quote[0]!) + quote.slice(1) : `${quote.slice(0, middle)}${other(rand, quote[middle]!, proposed[middle]!)}${quote.slice(middle + 1)}`;
        to = left + otherwise + right;
      } else to = `${left}${proposed}${right.slice(0, 4)}${other(rand, right[4]!)}${right.slice(5)}`;
      take(b.id, start - 8, end + 8);
      edits.push({ from, to });
    }
    specs.push(spec);
    (noted.get(b.id) ?? noted.set(b.id, []).get(b.id)!).push([start, end]);
  }

  // A few changes nobody asked for, well away from every note and edit.
  let unasked = 0;
  for (let tries = 0; unasked < 12 && tries < 10_000; tries++) {
    const { b } = pick();
    const start = 8 + Math.floor(rand() * (b.text.length - 20));
    const from = b.text.slice(start - 8, start + 12);
    const away = !(noted.get(b.id) ?? []).some(([s, e]) => s < start + 24 && start - 12 < e);
    if (/\s/.test(from) || !away || !once(from) || !free(b.id, start - 8, start + 12, 8)) continue;
    take(b.id, start - 8, start + 12);
    edits.push({ from, to: `${from.slice(0, 8)}${other(rand, from[8]!)}${other(rand, from[9]!)}${from.slice(10)}` });
    unasked++;
  }
  return { specs, edits, splits, unasked };
}

/** The revised text: every edit made wherever its stretch occurs, contents pages from 20 on moved by 2. */
function revise(raw: string, edits: readonly Edit[]): { text: string; made: number; pages: number } {
  let text = raw;
  let made = 0;
  for (const e of edits) {
    const parts = text.split(e.from);
    made += parts.length - 1;
    text = parts.join(e.to);
  }
  let pages = 0;
  text = text.replace(/^([^\t\n]+)\t(\d{1,4})$/gm, (line, title: string, page: string) => {
    if (Number(page) < 20) return line;
    pages++;
    return `${title}\t${Number(page) + 2}`;
  });
  return { text, made, pages };
}

/** The note of `spec` in an article of `issue` (found by its text), or null when that copy splits it otherwise. */
function noteIn(article: Article | undefined, spec: Spec, id: string): CarryInput | null {
  if (!article) return null;
  const at = articleText(article);
  const k = at.text.indexOf(spec.left + spec.quote + spec.right);
  if (k < 0) return null;
  const start = k + spec.left.length;
  const range = rangeFromOffsets(at, start, start + spec.quote.length);
  const target = range && describeRange(article, range);
  if (!target || target.quote !== spec.quote) return null;
  return { id, kind: spec.kind, target, suggestion: spec.suggestion };
}

// ---- reporting ----

const thousands = (n: number) => n.toLocaleString('en-US');

function describe(specs: readonly Spec[], notes: readonly CarryInput[], result: ProofComparison): string {
  const fateOf = new Map(notes.map((n, k) => [n.id, specs[k]!.fate] as const));
  const count = (pred: (s: CarryStatus) => boolean, suggestions: boolean) =>
    result.carried.filter((c) => (fateOf.get(c.noteId) !== null) === suggestions && pred(c.status)).length;
  const statuses: CarryStatus[] = ['applied', 'not-applied', 'changed', 'applied-with-changes', 'unchanged', 'orphaned'];
  const sugg = statuses.map((s) => [s, count((x) => x === s, true)] as const).filter(([, n]) => n > 0);
  const rest = statuses.map((s) => [s, count((x) => x === s, false)] as const).filter(([, n]) => n > 0);
  const asIntended = result.carried.filter((c) => fateOf.get(c.noteId) === c.status).length;
  const suggestions = notes.filter((n) => n.kind === 'suggestion').length;
  const noted = result.changes.filter((c) => c.noted).length;
  const kinds = ['text', 'title', 'contents', 'pages', 'masthead'].map((k) => [k, result.changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  return (
    `${thousands(notes.length)} notes carried and checked: ${suggestions} suggestions (${sugg.map(([s, n]) => `${n} ${s}`).join(', ')}; ` +
    `${asIntended} as the revision intended), ${notes.length - suggestions} other notes (${rest.map(([s, n]) => `${n} ${s}`).join(', ')}); ` +
    `${thousands(result.changes.length)} changes found (${kinds.map(([k, n]) => `${n} ${k}`).join(', ')}), ${noted} asked for by a note`
  );
}

function ratio(compare: Metric, diff: Metric, chars: number, d: { deleted: number; inserted: number }): Metric {
  return {
    value: round(compare.value / diff.value),
    unit: '×',
    note:
      `compareProofs ÷ a plain Myers O(ND) character diff (linear space, written in the bench) of the same two texts, same run: ` +
      `${diff.value} ms for ${(chars / 1000).toFixed(1)}k + ${(chars / 1000).toFixed(1)}k chars, ${thousands(d.deleted)} deleted and ${thousands(d.inserted)} inserted`,
  };
}

interface Case {
  old: Issue;
  neu: Issue;
  notes: CarryInput[];
  specs: Spec[];
  made: number;
  pages: number;
  splits: number;
  unasked: number;
}

const blockCount = (issue: Issue) => issue.articles.reduce((n, a) => n + a.blocks.length, 0);

function checkYardstick(a: string, b: string): { deleted: number; inserted: number } {
  const d = charDiff(a, b);
  if (applyScript(a, b, d.script) !== b) throw new Error('char diff: the script does not turn one text into the other');
  return d;
}

function run(c: Case, runs: { compare: number; diff: number; warmup: number }): { ms: Metric; ratio: Metric } {
  const a = fullText(c.old);
  const b = fullText(c.neu);
  const d = checkYardstick(a, b);
  const result = compareProofs(c.old, c.neu, c.notes);
  const compare = measure(() => compareProofs(c.old, c.neu, c.notes), { runs: runs.compare, warmup: runs.warmup });
  const diff = measure(() => charDiff(a, b), { runs: runs.diff, warmup: runs.warmup });
  return {
    ms: {
      ...compare,
      note:
        `${describe(c.specs, c.notes, result)}; the revision: ${thousands(c.made)} replacements in the text ` +
        `(${c.splits} of them paragraph splits: ${thousands(blockCount(c.old))} → ${thousands(blockCount(c.neu))} blocks; ${c.unasked} changes nobody asked for), ` +
        `${c.pages} contents pages moved by 2`,
    },
    ratio: ratio(compare, diff, a.length, d),
  };
}

export default async function compareBenchmarks(results: Results): Promise<void> {
  const raw = sampleText();
  const base = parseText(raw, src(raw, 'sample-issue.txt'));
  const plan = planRevision(base, raw);

  // The sample against its revision, 1,000 notes.
  const revised = revise(raw, plan.edits);
  const neu = parseText(revised.text, src(revised.text, 'sample-issue-2.txt'));
  const byTitle = new Map(base.articles.map((a) => [titleOf(a), a] as const));
  const notes = plan.specs.map((s, k) => noteIn(byTitle.get(s.title), s, `n${k}`));
  if (notes.some((n) => n === null)) throw new Error('a note of the sample could not be placed');
  const sample = run(
    { old: base, neu, notes: notes as CarryInput[], specs: plan.specs, made: revised.made, pages: revised.pages, splits: plan.splits, unasked: plan.unasked },
    { compare: 20, diff: 20, warmup: 3 },
  );
  results['compare.sample.ms'] = sample.ms;
  results['compare.sample.ratio'] = sample.ratio;

  // 20 copies, the same replacements in each, 5,000 notes: each note of the sample on 5 copies.
  const raw20 = synthesizeIssueText(20, base);
  const old20 = parseText(raw20, src(raw20, 'x20.txt'));
  const revised20 = revise(raw20, plan.edits);
  const neu20 = parseText(revised20.text, src(revised20.text, 'x20-2.txt'));
  const byTitle20 = new Map(old20.articles.map((a) => [titleOf(a), a] as const));
  const tag = (c: number, title: string) => (c === 0 ? title : `${title}（${c + 1}）`);
  const notes20: CarryInput[] = [];
  const specs20: Spec[] = [];
  const placed = new Array<number>(plan.specs.length).fill(0);
  // Copies 0, 4, 8, … shifted by the note's number, so every copy gets its share; a copy where the
  // parser cut the passage differently is skipped for the next.
  for (let j = 0; j < 20 && notes20.length < X20_NOTES; j++) {
    plan.specs.forEach((s, k) => {
      if (placed[k]! >= COPIES_PER_NOTE || notes20.length >= X20_NOTES) return;
      const copy = (k + 4 * j + Math.floor(j / 5)) % 20;
      const n = noteIn(byTitle20.get(tag(copy, s.title)), s, `n${k}c${copy}`);
      if (!n) return;
      placed[k]!++;
      notes20.push(n);
      specs20.push(s);
    });
  }
  const x20 = run(
    { old: old20, neu: neu20, notes: notes20, specs: specs20, made: revised20.made, pages: revised20.pages, splits: plan.splits * 20, unasked: plan.unasked * 20 },
    { compare: 5, diff: 3, warmup: 1 },
  );
  results['compare.x20.ms'] = {
    ...x20.ms,
    note:
      `${(raw20.length / 1e6).toFixed(1)}M chars, ${old20.articles.length} articles, the sample's ${plan.edits.length} edits made in each of the 20 copies ` +
      `and each of its notes on 5 copies (so most changes are not asked for); ${x20.ms.note}`,
  };
  results['compare.x20.ratio'] = x20.ratio;
}
