// Synthetic issues for benchmarks and large-document tests: the sample, re-printed N times as
// PDF-extracted text (contents with pages, titles, paragraphs split again at their recorded joins).

import { readFileSync } from 'node:fs';
import { parseText } from '../src/lib/issue/parse-text.ts';
import type { Issue } from '../src/lib/issue/types.ts';

export const SAMPLE_PATH = new URL('../static/sample-issue.txt', import.meta.url);

export function sampleText(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

export function sampleIssue(): Issue {
  const text = sampleText();
  return parseText(text, { name: 'sample-issue.txt', bytes: Buffer.byteLength(text), encoding: 'utf-8', format: 'text' });
}

/** The sample's articles `copies` times over, each copy its own section set with distinct titles. */
export function synthesizeIssueText(copies: number, base: Issue = sampleIssue()): string {
  const out: string[] = [base.masthead.issueLabel ?? 'Issue', ''];
  for (const m of base.masthead.board) out.push(`${m.role}\t${m.names.join(' ')}`);
  out.push('');
  const pageSpan = Math.max(...base.articles.map((a) => a.page ?? 0)) + 2;
  const tag = (c: number, title: string) => (c === 0 ? title : `${title}（${c + 1}）`);
  for (let c = 0; c < copies; c++) {
    for (const s of base.sections) {
      out.push(tag(c, s.title), '');
      for (const e of s.entries) {
        const a = base.articles.find((x) => x.id === e.articleId);
        out.push(`${tag(c, a?.title ?? e.title)}\t${(e.page ?? 0) + c * pageSpan}`);
      }
      out.push('');
    }
  }
  out.push('', '');
  for (let c = 0; c < copies; c++) {
    for (const a of base.articles) {
      out.push('', '', '');
      for (const b of a.blocks) {
        const text = b.kind === 'title' ? tag(c, b.text) : b.text;
        let from = 0;
        for (const j of b.joins ?? []) {
          out.push(text.slice(from, j.at), '');
          from = j.at;
        }
        out.push(text.slice(from), '');
      }
    }
  }
  return out.join('\n');
}
