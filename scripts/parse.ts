// `npm run parse -- FILE [--json | --markdown]`: parses an issue with the app's own loadIssue and
// prints an outline (sections, articles, block counts, joins, title mismatches), the JSON or the Markdown.
// Exit codes: 0 ok, 1 the file could not be read as an issue, 2 bad usage.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IssueError } from '../src/lib/issue/errors.ts';
import { toIssueJson } from '../src/lib/issue/issue-json.ts';
import { loadIssue } from '../src/lib/issue/load.ts';
import { toMarkdown } from '../src/lib/issue/markdown.ts';
import type { Article, Issue } from '../src/lib/issue/types.ts';

const USAGE = `Usage: npm run parse -- FILE [--json | --markdown]

Parses an issue (PDF-extracted text, Proofroom Markdown or Proofroom JSON) and prints its outline.
  --json       print the parsed issue as Proofroom JSON
  --markdown   print the parsed issue as Proofroom Markdown
  -h, --help   show this help`;

interface Counts {
  paragraphs: number;
  headings: number;
  captions: number;
  sources: number;
  joins: number;
}

function countBlocks(article: Article): Counts {
  const c: Counts = { paragraphs: 0, headings: 0, captions: 0, sources: 0, joins: 0 };
  for (const b of article.blocks) {
    if (b.kind === 'paragraph') c.paragraphs++;
    else if (b.kind === 'heading') c.headings++;
    else if (b.kind === 'caption') c.captions++;
    else if (b.kind === 'source') c.sources++;
    c.joins += b.joins?.length ?? 0;
  }
  return c;
}

function articleLine(article: Article, totals: Counts): string[] {
  const c = countBlocks(article);
  for (const key of Object.keys(c) as Array<keyof Counts>) totals[key] += c[key];
  const page = article.page === undefined ? '   ' : String(article.page).padStart(3);
  const parts = [`${c.paragraphs} ¶`, `${c.headings} headings`, `${c.captions} captions`, `${c.sources} source`, `${c.joins} joins`];
  const lines = [`  p.${page}  ${article.title}`, `           ${parts.join(' · ')}`];
  if (article.titleMismatch) lines.push(`           ! title mismatch: contents "${article.tocTitle ?? ''}" / printed "${article.title}"`);
  return lines;
}

function outline(issue: Issue): string {
  const out: string[] = [];
  const label = issue.masthead.issueLabel;
  out.push(label && label !== issue.title ? `${issue.title} (${label})` : issue.title);
  const s = issue.source;
  out.push(`${s.name} · ${s.bytes} bytes · ${s.encoding} · ${s.format} · language ${issue.language}`);
  const totals: Counts = { paragraphs: 0, headings: 0, captions: 0, sources: 0, joins: 0 };

  const groups: Array<{ title: string; articles: Article[]; missing: string[] }> = [];
  const unsectioned = issue.articles.filter((a) => a.sectionId === null);
  if (unsectioned.length) groups.push({ title: '(no section)', articles: unsectioned, missing: [] });
  for (const section of issue.sections) {
    const articles = issue.articles.filter((a) => a.sectionId === section.id);
    const missing = section.entries
      .filter((e) => e.articleId === null)
      .map((e) => `  p.${e.page === undefined ? '   ' : String(e.page).padStart(3)}  ? ${e.title} — in the contents, not found in the text`);
    groups.push({ title: section.title, articles, missing });
  }
  for (const g of groups) {
    out.push('', g.title);
    let group: string | undefined;
    for (const a of g.articles) {
      if (a.group && a.group !== group) out.push(`  [${a.group}]`);
      group = a.group;
      out.push(...articleLine(a, totals));
    }
    out.push(...g.missing);
  }

  const mismatches = issue.articles.filter((a) => a.titleMismatch).length;
  const missing = issue.sections.reduce((n, sec) => n + sec.entries.filter((e) => e.articleId === null).length, 0);
  out.push(
    '',
    `Totals: ${issue.sections.length} sections, ${issue.articles.length} articles, ${totals.paragraphs} paragraphs, ` +
      `${totals.headings} headings, ${totals.captions} captions, ${totals.sources} source lines, ${totals.joins} joins, ` +
      `${mismatches} title mismatches, ${missing} contents entries without an article`,
  );
  return out.join('\n');
}

function main(argv: string[]): number {
  let mode: 'outline' | 'json' | 'markdown' = 'outline';
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--json' || arg === '--markdown') {
      if (mode !== 'outline') return usage('--json and --markdown cannot be combined.');
      mode = arg === '--json' ? 'json' : 'markdown';
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') return usage(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (files.length !== 1) return usage(files.length ? 'Give one file.' : 'Give the file to parse.');
  const file = files[0]!;

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    process.stderr.write(`parse: cannot read ${file}: ${why}\n`);
    return 1;
  }
  let issue: Issue;
  try {
    issue = loadIssue(bytes, file === '-' ? 'stdin' : basename(file));
  } catch (err) {
    if (!(err instanceof IssueError)) throw err;
    process.stderr.write(`parse: ${file}: ${err.message}\n`);
    return 1;
  }
  const text = mode === 'json' ? toIssueJson(issue) : mode === 'markdown' ? toMarkdown(issue) : `${outline(issue)}\n`;
  process.stdout.write(text);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`parse: ${problem}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
