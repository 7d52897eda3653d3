// Traditional or variant characters inside simplified text (高標準 → 高标准), and compatibility
// ideographs that PDF extraction leaves behind (look identical, search differently). Text meant to
// be traditional is left alone: an issue set in traditional, a block that is mostly traditional (a
// quoted passage), a quoted or book-titled span with traditional characters of its own (a name, a
// title), and characters the 2013 standard table keeps for names and some words.

import type { Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { isHanCode } from './chars.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { pairedSpans, QUOTE_PAIRS, TITLE_PAIRS, type Span } from './quoted.ts';
import { maybeConverted, simplifiedOf, unifiedOf } from './traditional-table.ts';

const ID = 'traditional';

/**
 * An issue with this share of traditional characters is set in traditional, not mistyped: in
 * traditional text a third or more of the characters differ from their simplified forms, in
 * simplified text with slips a handful in a thousand.
 */
const TRADITIONAL_ISSUE = 0.2;

interface Hit {
  start: number;
  end: number;
  to: string;
  compatibility: boolean;
}

function hitsIn(text: string): { hits: Hit[]; han: number } {
  const hits: Hit[] = [];
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const surrogate = c >= 0xd800 && c <= 0xdbff;
    if (!surrogate) {
      if (!isHanCode(c)) continue;
      han++;
      if (!maybeConverted(c)) continue;
    }
    const ch = surrogate ? text.slice(i, i + 2) : text[i]!;
    if (surrogate) han++;
    const unified = unifiedOf(ch);
    const base = unified ?? ch;
    const simple = simplifiedOf(base);
    if (unified || simple) hits.push({ start: i, end: i + ch.length, to: simple ?? base, compatibility: unified !== undefined });
    if (surrogate) i++;
  }
  return { hits, han };
}

/** Quoted or titled spans that carry traditional characters of their own are meant to. */
function intended(text: string, hits: Hit[]): Span[] {
  const spans = [...pairedSpans(text, QUOTE_PAIRS), ...pairedSpans(text, TITLE_PAIRS)];
  return spans.filter(([s, e]) => {
    const inside = hits.filter((h) => !h.compatibility && h.start >= s && h.end <= e).length;
    return inside >= 2 || (inside >= 1 && inside / Math.max(1, e - s - 2) >= 0.2);
  });
}

const NAME_FOLLOWERS = /(?:参加|出席|陪同|主持|同志|表示|指出|强调|介绍|说|等)$/u;
const NAME_EDGE = /[、，,：:；;（(\s]/u;

/**
 * A character inside what reads as a personal name — two or three Han characters standing alone
 * in a list or before 参加, 出席, 同志… (朱向峰、匡湧参加) — belongs to the name as its bearer writes it.
 */
function inName(text: string, hit: Hit): boolean {
  let l = hit.start;
  while (l > 0 && isHanCode(text.charCodeAt(l - 1))) l--;
  let r = hit.end;
  while (r < text.length && isHanCode(text.charCodeAt(r))) r++;
  let token = text.slice(l, r);
  const follower = NAME_FOLLOWERS.exec(token);
  if (follower && l + follower.index >= hit.end) token = token.slice(0, follower.index);
  return token.length >= 2 && token.length <= 3 && (l === 0 || NAME_EDGE.test(text[l - 1]!)) && (follower !== null || r === text.length || NAME_EDGE.test(text[r]!) || /[。）)]/u.test(text[r]!));
}

function blockFindings(articleId: string, block: Block, hits: Hit[]): Finding[] {
  const skip = intended(block.text, hits);
  const kept = hits.filter((h) => h.compatibility || (!skip.some(([s, e]) => h.start >= s && h.end <= e) && !inName(block.text, h)));
  const out: Finding[] = [];
  for (let k = 0; k < kept.length; ) {
    // Adjacent characters of the same kind make one finding: 標準 → 标准.
    let j = k;
    while (j + 1 < kept.length && kept[j + 1]!.start === kept[j]!.end && kept[j + 1]!.compatibility === kept[k]!.compatibility) j++;
    const run = kept.slice(k, j + 1);
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const quote = block.text.slice(start, end);
    const to = run.map((h) => h.to).join('');
    const code = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ');
    out.push(
      makeFinding(ID, articleId, block, start, end, {
        category: 'typo',
        suggestion: replaceWith(to),
        message: run[0]!.compatibility
          ? { zh: `${cite(quote)}（${code(quote)}）是兼容区汉字，应作${cite(to)}`, en: `${cite(quote)} (${code(quote)}) is a compatibility ideograph: ${cite(to)}` }
          : { zh: `${cite(quote)}：繁体字或异体字，应作${cite(to)}`, en: `${cite(quote)}: traditional or variant form in simplified text, ${cite(to)}` },
        reference: run[0]!.compatibility ? undefined : '《通用规范汉字表》',
      }),
    );
    k = j + 1;
  }
  return out;
}

export const traditional: Check = {
  id: ID,
  label: { zh: '繁体字、异体字', en: 'Traditional and variant characters' },
  run(issue) {
    const perBlock: Array<{ articleId: string; block: Block; hits: Hit[]; han: number }> = [];
    let han = 0;
    let traditionalCount = 0;
    for (const article of issue.articles) {
      for (const block of article.blocks) {
        const found = hitsIn(block.text);
        han += found.han;
        traditionalCount += found.hits.filter((h) => !h.compatibility).length;
        if (found.hits.length) perBlock.push({ articleId: article.id, block, ...found });
      }
    }
    if (han > 0 && traditionalCount / han >= TRADITIONAL_ISSUE) return [];
    const out: Finding[] = [];
    for (const { articleId, block, hits, han: blockHan } of perBlock) {
      const trad = hits.filter((h) => !h.compatibility).length;
      // A block set in traditional (a quarter of its characters and more: a passage quoted as
      // printed) keeps its characters; only compatibility forms count there.
      const kept = trad >= 3 && trad / blockHan >= 0.25 ? hits.filter((h) => h.compatibility) : hits;
      out.push(...blockFindings(articleId, block, kept));
    }
    return out;
  },
};
