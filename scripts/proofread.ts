// `npm run proofread -- FILE [--json] [--house FILE] [--disable IDS] [--lang en]`: runs the
// automatic proofreading checks (src/lib/checks) on an issue read with the app's own loadIssue and
// prints the findings, by article, or as JSON. Exit codes: 0 ok (findings or not), 1 the issue or
// the house list could not be read, 2 bad usage.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CHECKS, runChecks } from '../src/lib/checks/registry.ts';
import { parseHouseList } from '../src/lib/checks/house-list-format.ts';
import type { CheckOptions, Finding } from '../src/lib/checks/types.ts';
import { decodeBytes } from '../src/lib/issue/decode.ts';
import { categoryLabel } from '../src/lib/export/labels.ts';
import { IssueError } from '../src/lib/issue/errors.ts';
import { loadIssue } from '../src/lib/issue/load.ts';
import type { Issue } from '../src/lib/issue/types.ts';

const USAGE = `Usage: npm run proofread -- FILE [--json] [--house FILE] [--disable IDS] [--lang en]

Runs the automatic proofreading checks on an issue (PDF-extracted text, Proofroom Markdown or
Proofroom JSON) and prints what they find, article by article.
  --json          print {"findings":[{"check","articleId","quote","suggestion","category","message"}]}
  --house FILE    the house list (用字表) to apply instead of the starter list: one pair a line,
                  "错 → 对" or "错<TAB>对", # for comments
  --disable IDS   checks not to run, comma-separated (${CHECKS.map((c) => c.id).join(', ')})
  --lang en       messages in English (default Chinese)
  -h, --help      show this help`;

class CliError extends Error {}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new CliError(`cannot read ${path}: ${why}`);
  }
}

function readHouseList(path: string): CheckOptions['houseList'] {
  const { pairs, errors } = parseHouseList(decodeBytes(readFile(path)).text);
  const first = errors[0];
  if (first) {
    const more = errors.length > 1 ? ` (${errors.length} bad lines)` : '';
    throw new CliError(`${path}: ${first.message.en.replace(/^Line (\d+): /u, 'line $1: ')}${more}`);
  }
  return pairs;
}

function report(issue: Issue, findings: Finding[], lang: 'zh' | 'en'): string {
  const out: string[] = [];
  const byArticle = new Map<string, Finding[]>();
  for (const f of findings) byArticle.set(f.articleId, [...(byArticle.get(f.articleId) ?? []), f]);
  for (const article of issue.articles) {
    const list = byArticle.get(article.id);
    if (!list) continue;
    out.push(`${article.page === undefined ? '' : `p.${article.page}  `}${article.title}`);
    for (const f of list) {
      const fix = f.suggestion ? (f.suggestion.op === 'delete' ? ' → (delete)' : ` → “${f.suggestion.text}”`) : '';
      const ref = f.reference ? ` [${f.reference}]` : '';
      out.push(`  ${f.check.padEnd(14)} ${categoryLabel(lang === 'zh' ? 'zh-CN' : 'en', f.category).padEnd(lang === 'zh' ? 3 : 11)} “${f.quote}”${fix}  ${f.message[lang]}${ref}`);
    }
    out.push('');
  }
  const counts = CHECKS.map((c) => [c.id, findings.filter((f) => f.check === c.id).length] as const).filter(([, n]) => n > 0);
  out.push(`${findings.length} findings${counts.length ? `: ${counts.map(([id, n]) => `${id} ${n}`).join(', ')}` : ''}`);
  return `${out.join('\n')}\n`;
}

function main(argv: string[]): number {
  let json = false;
  let lang: 'zh' | 'en' = 'zh';
  let house: string | undefined;
  const disabled: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg === '--house' || arg === '--disable' || arg === '--lang') {
      const value = argv[++i];
      if (value === undefined) return usage(`${arg} needs a value.`);
      if (arg === '--house') house = value;
      else if (arg === '--lang') {
        if (value !== 'en' && value !== 'zh') return usage(`--lang is zh or en, not ${value}.`);
        lang = value;
      } else {
        const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = ids.find((id) => !CHECKS.some((c) => c.id === id));
        if (unknown) return usage(`No check is called ${unknown}.`);
        disabled.push(...ids);
      }
    } else if (arg.startsWith('-') && arg !== '-') return usage(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (files.length !== 1) return usage(files.length ? 'Give one file.' : 'Give the issue to check.');
  const file = files[0]!;

  try {
    const options: CheckOptions = { disabled, ...(house !== undefined ? { houseList: readHouseList(house) } : {}) };
    const issue = loadIssue(readFile(file), file === '-' ? 'stdin' : basename(file));
    const findings = runChecks(issue, options);
    if (json) {
      const rows = findings.map((f) => ({ check: f.check, articleId: f.articleId, quote: f.quote, suggestion: f.suggestion ?? null, category: f.category, message: f.message }));
      process.stdout.write(`${JSON.stringify({ findings: rows }, null, 2)}\n`);
    } else process.stdout.write(report(issue, findings, lang));
    return 0;
  } catch (err) {
    if (!(err instanceof CliError) && !(err instanceof IssueError)) throw err;
    process.stderr.write(`proofread: ${err instanceof IssueError ? `${file}: ` : ''}${err.message}\n`);
    return 1;
  }
}

function usage(problem: string): number {
  process.stderr.write(`proofread: ${problem}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
