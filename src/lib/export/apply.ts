// The issue with suggestions applied: accepted ones (or all that are not rejected). Each article
// is rebuilt in one pass over its original text (blocks joined by "\n"), every edit placed by its
// original offsets, so no edit shifts another; a suggestion spanning blocks replaces across them
// (the blocks merge unless the proposed text keeps a line break). Of overlapping suggestions the
// earlier-created one wins.

import { articleText } from '../anchor/article-text.ts';
import { findTarget } from '../anchor/find.ts';
import { makeBlockId } from '../issue/ids.ts';
import type { Article, Block, BlockKind, Issue } from '../issue/types.ts';
import type { ApplyMode, ExportNote } from './types.ts';

export interface SkippedSuggestion {
  noteId: string;
  quote: string;
  /** `overlap`: another, earlier suggestion changes the same text; `not-found`: its passage is not where it says. */
  reason: 'overlap' | 'not-found';
  /** For an overlap: the note that was applied instead. */
  other?: string;
}

export interface AppliedSuggestions {
  issue: Issue;
  /** Ids of the notes applied, oldest first. */
  applied: string[];
  skipped: SkippedSuggestion[];
}

interface Edit {
  noteId: string;
  start: number;
  end: number;
  text: string;
}

export function wanted(note: ExportNote, mode: ApplyMode): boolean {
  if (note.kind !== 'suggestion' || !note.suggestion) return false;
  return mode === 'all' ? note.status !== 'rejected' : note.status === 'accepted';
}

function conflicts(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Index of the block whose text holds article offset `pos` (a separator belongs to the block before). */
function blockAt(starts: readonly number[], pos: number): number {
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1]! <= pos) k++;
  return k;
}

interface Piece {
  kind: BlockKind;
  text: string;
  /** The original block it continues, or null for a block a proposal's line break made. */
  from: number | null;
}

/** The article's blocks after the edits (non-overlapping, in any order). */
function rebuild(article: Article, edits: Edit[]): Article {
  const at = articleText(article);
  const blocks = article.blocks;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Piece[] = [{ kind: blocks[0]!.kind, text: '', from: 0 }];
  const cur = () => out[out.length - 1]!;
  let next = 1; // the next block whose leading separator has not been passed
  let pos = 0;
  const copyTo = (to: number) => {
    while (next < blocks.length && at.starts[next]! - 1 < to) {
      const sep = at.starts[next]! - 1;
      cur().text += at.text.slice(pos, sep);
      out.push({ kind: blocks[next]!.kind, text: '', from: next });
      pos = sep + 1;
      next++;
    }
    cur().text += at.text.slice(pos, to);
    pos = to;
  };
  const skipTo = (to: number) => {
    while (next < blocks.length && at.starts[next]! - 1 < to) next++;
    pos = to;
  };
  for (const e of sorted) {
    copyTo(e.start);
    const endKind = blocks[blockAt(at.starts, e.end)]!.kind;
    skipTo(e.end);
    const lines = e.text.replace(/\r\n?/g, '\n').split('\n');
    cur().text += lines[0]!;
    lines.slice(1).forEach((line, i) => out.push({ kind: i === lines.length - 2 ? endKind : cur().kind, text: line, from: null }));
  }
  copyTo(at.text.length);

  const kept = out.filter((p) => p.text.trim() !== '');
  const newBlocks: Block[] = kept.map((p, i) => {
    const block: Block = { id: makeBlockId(article.id, i), kind: p.kind, text: p.text };
    const original = p.from === null ? undefined : blocks[p.from];
    if (original?.joins && original.text === p.text) block.joins = original.joins.map((j) => ({ ...j }));
    return block;
  });
  const title = newBlocks.find((b) => b.kind === 'title')?.text ?? article.title;
  return { ...article, title, blocks: newBlocks };
}

/** The suggestions of `notes` chosen by `mode`, applied to `issue` (which is not changed). */
export function applySuggestions(issue: Issue, notes: readonly ExportNote[], mode: ApplyMode = 'accepted'): AppliedSuggestions {
  const chosen = notes.filter((n) => wanted(n, mode)).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byArticle = new Map<string, Edit[]>();
  const applied: string[] = [];
  const skipped: SkippedSuggestion[] = [];
  const articles = new Map(issue.articles.map((a) => [a.id, a] as const));
  for (const note of chosen) {
    const t = note.target;
    const article = articles.get(t.articleId);
    const anchor = article ? findTarget(article, t) : null;
    if (!article || anchor?.strategy !== 'exact') {
      skipped.push({ noteId: note.id, quote: t.quote, reason: 'not-found' });
      continue;
    }
    const at = articleText(article);
    const start = at.starts[at.index.get(t.blockId)!]! + t.start;
    const end = at.starts[at.index.get(t.endBlockId)!]! + t.end;
    const s = note.suggestion!;
    // An insertion with a passage selected goes after the passage.
    const edit: Edit =
      s.op === 'insert' ? { noteId: note.id, start: end, end, text: s.text } : { noteId: note.id, start, end, text: s.op === 'delete' ? '' : s.text };
    const edits = byArticle.get(article.id) ?? [];
    const clash = edits.find((e) => conflicts(e, edit));
    if (clash) {
      skipped.push({ noteId: note.id, quote: t.quote, reason: 'overlap', other: clash.noteId });
      continue;
    }
    edits.push(edit);
    byArticle.set(article.id, edits);
    applied.push(note.id);
  }
  const corrected: Issue = { ...issue, articles: issue.articles.map((a) => (byArticle.has(a.id) ? rebuild(a, byArticle.get(a.id)!) : a)) };
  return { issue: corrected, applied, skipped };
}
