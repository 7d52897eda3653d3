// Consistency of terms within the issue: a term the issue prints several times (an organisation's
// name, a set phrase) printed once with a character dropped, added or changed — 省总会 where 省总工会
// is printed forty times, 高质量展 beside 高质量发展, 产业工人建设改革 beside 产业工人队伍建设改革.
//
// The evidence has to be strong, because Chinese builds words by dropping characters (县级工会 →
// 县工会, 慰问金 → 慰问资金): the junction must be printed nowhere else, the stretch of Han
// characters around it must agree with the term elsewhere right up to a punctuation mark or a space
// (the whole printed unit is the term with one difference, not a word that merely overlaps it), and
// the term must be printed often. Numerals and function characters (的, 和, 在…) are never the
// difference: 十七届七次 and 十七届八次 are both right, and 的 comes and goes.

import type { Check, Finding } from './types.ts';
import { isHan, isHanNumeral } from './chars.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { issueIndex, type IssueIndex } from './issue-index.ts';

const ID = 'term-variant';
const MAX_ANCHOR = 300;

type Kind = 'dropped' | 'dropped2' | 'changed' | 'added';

const FUNCTION_CHARS = new Set([...'的地得了着过和与及或暨在是也都就还又并而之等为以对于从把被将向同跟个上下里内外各每其该此这那所更很最再才已即且则但却']);
const editable = (ch: string | undefined): boolean => isHan(ch) && !isHanNumeral(ch) && !FUNCTION_CHARS.has(ch!);

interface Hypothesis {
  kind: Kind;
  /** What the term has where the variant differs ('' when the variant added a character). */
  fix: string;
  /** How it is printed elsewhere (with as much of the run as matched). */
  term: string;
  /** `whole`: the whole run matched, up to punctuation both ways; `left`/`right`: that side of the run did. */
  match: 'whole' | 'left' | 'right';
  /** Where the term is printed. */
  at: Set<number>;
  /** For a one-sided match: the side that matched, to weigh how often it goes on as the term. */
  side: string;
  /** Characters of agreeing context left of the junction (with c1) and right of it, the least over `at`. */
  left: number;
  right: number;
}

/** The junction between p and p+1 is printed nowhere else (checked on both trigrams spanning it). */
function novel(index: IssueIndex, p: number, s: number, e: number): boolean {
  const a = p - 1 >= s ? index.trigramCount(p - 1) : -1;
  const b = p + 2 < e ? index.trigramCount(p) : -1;
  if (a < 0 && b < 0) return index.count(index.text.slice(p, p + 2)) <= 1;
  return a <= 1 && b <= 1;
}

/** The evidence for one junction (c1 at p, c2 at p + 1) inside the run [s, e). */
class Junction {
  readonly #found = new Map<string, Hypothesis>();
  readonly #t: string;
  readonly #head: string;
  readonly #tail1: string;
  readonly #tail2: string;

  constructor(
    readonly index: IssueIndex,
    readonly s: number,
    readonly e: number,
    readonly p: number,
  ) {
    const t = (this.#t = index.text);
    this.#head = t.slice(s, p + 1); // the run up to and with c1
    this.#tail1 = t.slice(p + 1, e); // from c2
    this.#tail2 = t.slice(p + 2, e); // after c2
  }

  hypotheses(): Hypothesis[] {
    // Anchors: where the run's head or tail is printed. One printed hundreds of times is too common
    // to be evidence on its own, and a whole-run match is found from the other anchor too.
    const { index } = this;
    const head = this.#head;
    if (head.length >= 2) for (const o of index.occurrences(head, MAX_ANCHOR)) this.#consider(o + head.length - 1);
    if (this.#tail1.length >= 2) for (const o of index.occurrences(this.#tail1, MAX_ANCHOR)) {
      this.#consider(o - 2);
      this.#consider(o - 3);
    }
    if (this.#tail2.length >= 2) for (const o of index.occurrences(this.#tail2, MAX_ANCHOR)) {
      this.#consider(o - 1);
      this.#consider(o - 2);
    }
    // A long side may be unique as a whole yet agree over its last (or first) characters.
    const t = this.#t;
    if (head.length > 3) for (const o of index.occurrences(t.slice(this.p - 2, this.p + 1), MAX_ANCHOR)) this.#consider(o + 2);
    if (this.#tail1.length > 3) for (const o of index.occurrences(t.slice(this.p + 1, this.p + 4), MAX_ANCHOR)) {
      this.#consider(o - 2);
      this.#consider(o - 3);
    }
    return [...this.#found.values()].filter((h) => this.#enough(h));
  }

  #enough(h: Hypothesis): boolean {
    const t = this.#t;
    const { index, p } = this;
    if (h.match === 'whole') {
      if (h.at.size < (h.kind === 'dropped2' ? 4 : 2)) return false;
      if (h.kind === 'dropped' || h.kind === 'dropped2') return true;
      // A changed or added character makes two pairs printed nowhere else (运作 is a word, 运做 is not).
      return index.count(t.slice(p, p + 2)) <= 1 && index.count(t.slice(p + 1, p + 3)) <= 1;
    }
    // A one-sided match counts when most of that side's occurrences go on as the term (省总 → 省总工会).
    const share = index.count(h.term) / Math.max(1, index.count(h.side));
    return share >= 0.5 && h.at.size >= (h.kind === 'dropped' ? 4 : 5);
  }

  #note(kind: Kind, fix: string, term: string, q: number, match: Hypothesis['match'], context: [number, number], side = ''): void {
    const key = `${kind}:${fix}:${match}`;
    let h = this.#found.get(key);
    if (!h) this.#found.set(key, (h = { kind, fix, term, match, at: new Set<number>(), side, left: context[0], right: context[1] }));
    h.at.add(q);
    h.left = Math.min(h.left, context[0]);
    h.right = Math.min(h.right, context[1]);
  }

  #leftOf(q: number): number {
    const t = this.#t;
    let k = 0;
    while (this.p - k >= this.s && t[this.p - k] === t[q - k]) k++;
    return k;
  }

  #rightOf(from: number, q: number): number {
    const t = this.#t;
    let k = 0;
    while (from + k < this.e && t[from + k] === t[q + k]) k++;
    return k;
  }

  #consider(q: number): void {
    const t = this.#t;
    const { s, e, p } = this;
    if (q < 0 || (q >= s - 3 && q <= e + 3) || t[q] !== t[p]) return;
    const head = this.#head;
    const tail1 = this.#tail1;
    const c2 = t[p + 1]!;
    const left = this.#leftOf(q);
    const wholeLeft = left === head.length;
    // One character (or two) dropped between c1 and c2; not a doubled one (工会员 may be 农民工 + 会员).
    for (let width = 1; width <= 2; width++) {
      if (t[q + 1 + width] !== c2) continue;
      const fix = t.slice(q + 1, q + 1 + width);
      if (!editable(fix[0]) || (width === 2 && !editable(fix[1])) || fix.includes(t[p]!) || fix.includes(c2)) continue;
      const kind = width === 1 ? 'dropped' : 'dropped2';
      const right = this.#rightOf(p + 1, q + 1 + width);
      if (left + right < 1 + width * 2) continue;
      const wholeRight = right === tail1.length;
      const c: [number, number] = [left, right];
      // A side counts when it reaches a punctuation mark with two characters or more, or with one
      // when the other side agrees over four (为推动高质量展，: 展 and 推动高质量).
      if (wholeLeft && wholeRight) {
        if (e - s >= 4) this.#note(kind, fix, head + fix + tail1, q, 'whole', c);
      } else if (wholeLeft && left >= 2) this.#note(kind, fix, head + fix + c2, q, 'left', c, head);
      else if (wholeRight && right >= 2) this.#note(kind, fix, t[p] + fix + tail1, q, 'right', c, tail1);
      else if (wholeRight && left >= 4) {
        const side = t.slice(p - left + 1, p + 1);
        this.#note(kind, fix, side + fix + c2, q, 'right', c, side);
      } else if (wholeLeft && right >= 4) {
        const side = t.slice(p + 1, p + 1 + right);
        this.#note(kind, fix, t[p] + fix + side, q, 'left', c, side);
      }
    }
    if (!wholeLeft || !editable(c2) || p + 2 >= e || e - s < 5) return;
    // c2 stands for another character, or was slipped in: only when the whole run matches.
    const tail2 = this.#tail2;
    if (editable(t[q + 1]) && t[q + 1] !== c2 && this.#rightOf(p + 2, q + 2) === tail2.length) this.#note('changed', t[q + 1]!, head + t[q + 1] + tail2, q, 'whole', [head.length, tail2.length]);
    if (this.#rightOf(p + 2, q + 1) === tail2.length) this.#note('added', '', head + tail2, q, 'whole', [head.length, tail2.length]);
  }
}

/**
 * A cheap necessary condition: the term's own characters around the difference are printed at the
 * right distance elsewhere (c1 ? c2 for a dropped character, c1 ?? c2 for two, c1 ? c3 for a changed
 * one, c1 c3 for an added one — the variant itself counts once for the changed one).
 */
function possible(index: IssueIndex, p: number, e: number): boolean {
  const t = index.text;
  const c1 = t[p]!;
  const c2 = t[p + 1]!;
  if (index.gapCount(c1, c2, 2) >= 2 || index.gapCount(c1, c2, 3) >= 4) return true;
  if (p + 2 >= e) return false;
  return index.gapCount(c1, t[p + 2]!, 2) >= 3 || index.count(c1 + t[p + 2]) >= 2;
}

const ORDER: Kind[] = ['dropped', 'changed', 'added', 'dropped2'];

function describe(h: Hypothesis, wrong: string): { zh: string; en: string } {
  switch (h.kind) {
    case 'dropped':
    case 'dropped2':
      return { zh: `少了“${h.fix}”`, en: `“${h.fix}” dropped` };
    case 'changed':
      return { zh: `“${h.fix}”误作“${wrong}”`, en: `“${wrong}” for “${h.fix}”` };
    case 'added':
      return { zh: `多了“${wrong}”`, en: `“${wrong}” added` };
  }
}

export const termVariant: Check = {
  id: ID,
  label: { zh: '用语前后不一', en: 'Inconsistent terms' },
  run(issue) {
    const index = issueIndex(issue);
    const t = index.text;
    const out: Finding[] = [];
    for (const slot of index.slots) {
      const text = slot.block.text;
      for (let i = 0; i < text.length; ) {
        if (!isHan(text[i])) {
          i++;
          continue;
        }
        let j = i;
        while (j < text.length && isHan(text[j])) j++;
        // One finding at most per run of Han characters: the best-supported difference in it.
        const s = slot.start + i;
        const e = slot.start + j;
        let best: { h: Hypothesis; p: number } | null = null;
        for (let p = s; p + 1 < e; p++) {
          if (!novel(index, p, s, e)) continue;
          if (!possible(index, p, e)) continue;
          for (const h of new Junction(index, s, e, p).hypotheses()) {
            const better = !best || h.at.size > best.h.at.size || (h.at.size === best.h.at.size && ORDER.indexOf(h.kind) < ORDER.indexOf(best.h.kind));
            if (better) best = { h, p };
          }
        }
        if (best) {
          const { h, p } = best;
          const wrongChar = t[p + 1]!;
          // The span: the whole run, or the difference with the context that agreed (six at most) each side.
          const k = p - s;
          const start = h.match === 'whole' ? i : i + Math.max(0, k - Math.min(h.left, 6) + 1);
          const end = h.match === 'whole' ? j : Math.min(j, i + k + 1 + Math.min(h.right, 6));
          const quote = text.slice(start, end);
          const fixed = fixedRun(quote, k - (start - i), h);
          // The count is of what the message cites: the corrected span, or the term if that is rarer.
          const [cited, count] = index.count(fixed) >= 2 ? [fixed, index.count(fixed)] : [h.term, index.count(h.term)];
          const what = describe(h, wrongChar);
          out.push(
            makeFinding(ID, slot.article.id, slot.block, start, end, {
              category: 'typo',
              suggestion: replaceWith(fixed),
              message: {
                zh: `${cite(quote)}：本期别处${count}次作${cite(cited)}，${what.zh}`,
                en: `${cite(quote)}: printed ${cite(cited)} ${count} times elsewhere in the issue (${what.en})`,
              },
            }),
          );
        }
        i = j;
      }
    }
    return out;
  },
};

/** The run with the difference undone at junction offset k (c1 at k, c2 at k + 1). */
function fixedRun(run: string, k: number, h: Hypothesis): string {
  if (h.kind === 'dropped' || h.kind === 'dropped2') return run.slice(0, k + 1) + h.fix + run.slice(k + 1);
  if (h.kind === 'changed') return run.slice(0, k + 1) + h.fix + run.slice(k + 2);
  return run.slice(0, k + 1) + run.slice(k + 2);
}
