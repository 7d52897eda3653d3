// The body of a PDF-extracted issue: where each article starts (guided by the contents when there
// is one), and what each of its lines is — title, byline, heading, paragraph, caption, source —
// with paragraphs that a page or column break cut in two stitched back together.

import type { BlockKind, Join } from './types.ts';
import type { Line, LineIndex } from './line-index.ts';
import {
  bracketsBalanced,
  charLength,
  endsSentence,
  isCjkText,
  isNumberedHeading,
  looksLikeByline,
  looksLikeCaption,
  looksLikeHeading,
  similarity,
  sourceLineStart,
  squash,
} from './text-shape.ts';

export interface DraftBlock {
  kind: BlockKind;
  text: string;
  joins?: Join[];
}

export interface DraftArticle {
  /** Index into the contents entries, or -1 when the article was found without the contents. */
  entry: number;
  titleLines: DraftBlock[];
  body: DraftBlock[];
}

export function bodyLines(lines: string[], start: number): Line[] {
  const out: Line[] = [];
  let gap = 0;
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (!text) {
      gap++;
      continue;
    }
    out.push({ text, sq: squash(text), gap });
    gap = 0;
  }
  return out;
}

interface TitleMatch {
  start: number;
  end: number; // inclusive
}

const MAX_TITLE_LINES = 3;

function exactMatch(nb: Line[], k: number, t: string): TitleMatch | null {
  const first = nb[k]?.sq ?? '';
  if (!first || first.length > t.length + 12) return null;
  if (first === t) return { start: k, end: k };
  if (t.startsWith(first) && first.length >= Math.min(4, t.length)) {
    let acc = first;
    let m = k;
    while (acc.length < t.length && m + 1 < nb.length && m - k < MAX_TITLE_LINES - 1) {
      const next = nb[m + 1]?.sq ?? '';
      if (!t.startsWith(acc + next)) break;
      acc += next;
      m++;
    }
    if (acc === t || acc.length >= 0.6 * t.length) return { start: k, end: m };
  }
  if (first.startsWith(t) && t.length >= 4) return { start: k, end: k };
  return null;
}

function fuzzyMatch(nb: Line[], k: number, t: string, strip: Set<string>): TitleMatch | null {
  const a = nb[k]?.sq ?? '';
  if (!a || strip.has(a) || a.length > t.length * 1.5 + 4 || endsSentence(a) && a.length > t.length + 4) return null;
  if (similarity(a, t) >= 0.72) return { start: k, end: k };
  const b = nb[k + 1]?.sq ?? '';
  if (b && !strip.has(b) && a.length + b.length <= t.length * 1.5 && similarity(a + b, t) >= 0.72) return { start: k, end: k + 1 };
  return null;
}

const FUZZY_WINDOW = 400;

/**
 * Finds each contents title in the body, in order: exact first, then fuzzy between the found ones.
 * `strip` holds the section and group headings, which the body repeats above some articles.
 */
export function locateByContents(index: LineIndex, titles: string[], strip: Set<string>): Array<TitleMatch | null> {
  const nb = index.lines;
  const found: Array<TitleMatch | null> = titles.map(() => null);
  let cursor = 0;
  titles.forEach((title, e) => {
    const t = squash(title);
    for (const k of index.candidates(t, cursor)) {
      const m = exactMatch(nb, k, t);
      if (m) {
        found[e] = m;
        cursor = m.end + 1;
        return;
      }
    }
  });
  for (let e = 0; e < titles.length; e++) {
    if (found[e]) continue;
    let lo = 0;
    for (let p = e - 1; p >= 0; p--) if (found[p]) { lo = found[p]!.end + 1; break; }
    let hi = nb.length;
    for (let n = e + 1; n < titles.length; n++) if (found[n]) { hi = found[n]!.start; break; }
    const t = squash(titles[e] ?? '');
    for (let k = lo; k < Math.min(hi, lo + FUZZY_WINDOW); k++) {
      const m = fuzzyMatch(nb, k, t, strip);
      if (m && m.end < hi) {
        found[e] = m;
        break;
      }
    }
  }
  return found;
}

function looksLikeTitle(line: Line): boolean {
  const t = line.text;
  if (looksLikeCaption(t) || looksLikeByline(t) || isNumberedHeading(t) || !bracketsBalanced(t)) return false;
  if (/[。；，,;]$/.test(t) || /[。；]/.test(t)) return false;
  if (isCjkText(t)) return charLength(line.sq) <= 60;
  return t.split(/\s+/).length <= 16 && !/\.\s*$/.test(t) && /^[\p{Lu}\d"“‘]/u.test(t);
}

/** Without a contents page: a title-like line after a gap, or right after an article's source line. */
export function locateByLayout(nb: Line[]): TitleMatch[] {
  const found: TitleMatch[] = [];
  for (let k = 0; k < nb.length; k++) {
    const line = nb[k]!;
    const prev = nb[k - 1];
    const next = nb[k + 1];
    if (!next || !looksLikeTitle(line)) continue;
    const opensArticle = k === 0 || line.gap >= 2 || (prev !== undefined && sourceLineStart(prev.text) >= 0);
    if (!opensArticle || (prev && !endsSentence(prev.text) && !looksLikeTitle(prev))) continue;
    if (looksLikeCaption(next.text)) continue;
    let end = k;
    const after = nb[k + 2];
    // A title-like line right above another one is a kicker (or a group label) over the main title.
    if (next.gap <= 1 && looksLikeTitle(next) && after && !looksLikeTitle(after)) end = k + 1;
    if (/^—/.test(nb[end + 1]?.text ?? '') && charLength(nb[end + 1]!.sq) <= 80) end++;
    found.push({ start: k, end });
    k = end;
  }
  return found;
}

function titleBlocks(lines: Line[]): DraftBlock[] {
  const subtitles = lines.filter((l) => /^—/.test(l.text));
  const mains = lines.filter((l) => !/^—/.test(l.text));
  const out: DraftBlock[] = [];
  mains.forEach((l, i) => out.push({ kind: i < mains.length - 1 ? 'kicker' : 'title', text: l.text }));
  if (!mains.length && subtitles[0]) out.push({ kind: 'title', text: subtitles.shift()!.text });
  for (const s of subtitles) out.push({ kind: 'subtitle', text: s.text });
  return out;
}

function stitch(a: DraftBlock, b: string): void {
  let head = a.text;
  let sep = '';
  let kind: Join['kind'] = 'sentence';
  const latin = /[A-Za-z0-9,;:'"’)\-]$/.test(head) && /^[A-Za-z0-9"“‘(]/.test(b);
  if (latin && /[a-z]-$/.test(head) && /^[a-z]/.test(b)) {
    head = head.slice(0, -1);
    kind = 'word';
  } else if (latin) {
    sep = ' ';
  }
  a.text = head + sep + b;
  (a.joins ??= []).push({ at: head.length + sep.length, kind });
}

function continues(prev: DraftBlock | undefined, next: string): boolean {
  if (!prev || prev.kind !== 'paragraph' || endsSentence(prev.text)) return false;
  if (looksLikeByline(next)) return false;
  if (isCjkText(prev.text.slice(-1)) || /[，、,—–-]$/.test(prev.text)) return true;
  return /^[a-z]/.test(next);
}

/** Classifies an article's lines into blocks and stitches the paragraphs breaks cut in two. */
export function articleBlocks(lines: Line[], strip: Set<string>): DraftBlock[] {
  const items = [...lines];
  while (items.length && strip.has(items[items.length - 1]!.sq)) items.pop();
  const out: DraftBlock[] = [];
  let k = 0;
  if (items[0] && /^—/.test(items[0].text) && charLength(items[0].sq) <= 80) out.push({ kind: 'subtitle', text: items[k++]!.text });
  if (items[k] && looksLikeByline(items[k]!.text)) out.push({ kind: 'byline', text: items[k++]!.text });

  let open: DraftBlock | undefined; // the last paragraph, while a continuation may still follow
  let held: DraftBlock[] = []; // captions that sit inside a paragraph cut by a page break
  for (; k < items.length; k++) {
    const text = items[k]!.text;
    if (looksLikeCaption(text)) {
      const caption: DraftBlock = { kind: 'caption', text };
      if (open && !endsSentence(open.text)) held.push(caption);
      else out.push(caption);
      continue;
    }
    if (continues(open, text)) {
      stitch(open!, text);
      continue;
    }
    out.push(...held);
    held = [];
    const isLast = k === items.length - 1;
    const kind: BlockKind = !isLast && looksLikeHeading(text) ? 'heading' : 'paragraph';
    const block: DraftBlock = { kind, text };
    out.push(block);
    open = kind === 'paragraph' ? block : undefined;
  }
  out.push(...held);
  splitSource(out);
  return out;
}

/** The source line printed at the end of the last paragraph becomes a block of its own. */
function splitSource(blocks: DraftBlock[]): void {
  let i = blocks.length - 1;
  while (i >= 0 && blocks[i]!.kind === 'caption') i--;
  const last = blocks[i];
  if (!last || last.kind !== 'paragraph') return;
  const at = sourceLineStart(last.text);
  if (at < 0) return;
  if (at === 0) {
    last.kind = 'source';
    return;
  }
  const source: DraftBlock = { kind: 'source', text: last.text.slice(at).trim() };
  last.text = last.text.slice(0, at).trimEnd();
  if (last.joins) last.joins = last.joins.filter((j) => j.at < last.text.length);
  blocks.splice(i + 1, 0, source);
}

export function draftArticles(nb: Line[], matches: Array<TitleMatch & { entry: number }>, strip: Set<string>): DraftArticle[] {
  const out: DraftArticle[] = [];
  const first = matches[0]?.start ?? nb.length;
  const before = nb.slice(0, first).filter((l) => !strip.has(l.sq));
  if (before.length) {
    // Text before the first title is kept as an article of its own: nothing is dropped.
    out.push({ entry: -1, titleLines: [{ kind: 'title', text: before[0]!.text }], body: articleBlocks(before.slice(1), strip) });
  }
  matches.forEach((m, i) => {
    const next = matches[i + 1]?.start ?? nb.length;
    out.push({
      entry: m.entry,
      titleLines: titleBlocks(nb.slice(m.start, m.end + 1)),
      body: articleBlocks(nb.slice(m.end + 1, next), strip),
    });
  });
  return out;
}
