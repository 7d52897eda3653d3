// `npm run report -- ISSUE --notes FILE --format csv|md|jsonld|text|corrected-md [--apply accepted|all]`:
// a review's notes on an issue, in one of the export registry's formats, on stdout. FILE is W3C
// Web Annotation JSON-LD (anchored into ISSUE by quote) or a review package (.proofroom).
// Exit codes: 0 ok (warnings, if any, on stderr), 1 an input could not be used, 2 bad usage.

import * as Y from 'yjs';
import { formatById, importAnnotations, type ExportFormat, type ExportLang, type ExportNote } from '../src/lib/export/index.ts';
import type { Issue } from '../src/lib/issue/types.ts';
import { readNotes } from '../src/lib/review/index.ts';
import { decodePackage, PackageError } from '../src/lib/sync/review-package.ts';
import { isPackage, issueOf, quietOnClosedPipe, readInput, Refusal, runCli } from './cli-kit.ts';

const USAGE = `Usage: npm run report -- ISSUE --notes FILE --format FORMAT [options]

Writes a review's notes on ISSUE (any file Proofroom opens) to stdout.
  --notes FILE        W3C Web Annotation JSON-LD, or a review package (.proofroom)
  --format FORMAT     csv (校样意见单), md (report), jsonld (W3C), text or corrected-md (corrected issue)
  --apply MODE        for text and corrected-md: accepted (default) or all (every suggestion not rejected)
  --lang LANG         zh-CN (default) or en
  --round N           the proof round, 1 (default), 2, …
  --round-label TEXT  how the round is named (default 一校, 二校, … or "proof N")
  --tz ZONE           time zone of the times shown (default: this machine's)
  -h, --help          show this help`;

const ALIASES: Record<string, string> = { csv: 'corrections-csv', md: 'report-md', markdown: 'report-md', jsonld: 'w3c-jsonld', w3c: 'w3c-jsonld', text: 'corrected-text', txt: 'corrected-text' };
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];


function roundLabel(n: number, lang: ExportLang): string {
  return lang === 'en' ? `proof ${n}` : `${NUMERALS[n - 1] ?? n}校`;
}

/** Notes of a review package made on this proof (the review's first proof, or the proof they name). */
function packageNotes(file: string, bytes: Uint8Array, issue: Issue, warn: (line: string) => void): ExportNote[] {
  let header;
  const doc = new Y.Doc();
  try {
    const opened = decodePackage(bytes);
    header = opened.header;
    Y.applyUpdate(doc, opened.update);
    if (doc.store.pendingStructs || doc.store.pendingDs) throw new PackageError('damaged');
  } catch (e) {
    const problem = e instanceof PackageError ? e.problem : 'damaged';
    throw new Refusal(`${file}: ${problem === 'newer-version' ? 'a review package from a newer version of Proofroom' : problem === 'not-a-package' ? 'not a review package' : 'a damaged review package'}`);
  }
  const view = readNotes(doc);
  doc.destroy();
  if (view.invalid.length > 0) warn(`${view.invalid.length} unreadable entries in ${file} left out`);
  const mine = view.notes.filter((n) => (n.proof ?? header.issueId) === issue.id);
  if (mine.length === 0 && view.notes.length > 0) {
    throw new Refusal(`${file} holds the review of “${header.issueTitle}”, with no notes on this proof (${issue.title})`);
  }
  if (mine.length < view.notes.length) warn(`${view.notes.length - mine.length} notes made on other proofs left out`);
  return mine;
}

function annotationNotes(file: string, bytes: Uint8Array, issue: Issue, warn: (line: string) => void): ExportNote[] {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Refusal(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = importAnnotations(json, issue);
  if (r.drafts.length === 0 && (r.errors.length > 0 || r.unanchored.length > 0)) {
    const first = r.errors[0] ?? `none of its ${r.unanchored.length} annotations is in ${issue.title}: ${r.unanchored[0]!.reason}`;
    throw new Refusal(`${file}: ${first}`);
  }
  for (const e of r.errors) warn(`${file}: ${e}`);
  for (const u of r.unanchored) warn(`${file}: not in the issue, left out: ${u.id} “${u.quote.slice(0, 40)}” (${u.reason})`);
  return r.drafts;
}

interface Options {
  issue: string;
  notes: string;
  format: ExportFormat;
  apply: 'accepted' | 'all';
  lang: ExportLang;
  round: number;
  roundLabel: string | null;
  tz: string | undefined;
}

function parseArgs(argv: string[]): Options | string {
  const files: string[] = [];
  const values: Record<string, string> = {};
  const valued = ['--notes', '--format', '--apply', '--lang', '--round', '--round-label', '--tz'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return `${flag} needs a value.`;
      values[flag] = value;
    } else if (arg.startsWith('-') && arg !== '-') return `Unknown option ${arg}.`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length ? 'Give one issue file.' : 'Give the issue file.';
  if (!values['--notes']) return 'Give the notes with --notes FILE.';
  const name = values['--format'] ?? '';
  const format = formatById(ALIASES[name] ?? name);
  if (!format) return name ? `Unknown format ${name}.` : 'Give the format with --format.';
  const apply = values['--apply'] ?? 'accepted';
  if (apply !== 'accepted' && apply !== 'all') return `--apply is accepted or all, not ${apply}.`;
  const lang = values['--lang'] ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') return `--lang is zh-CN or en, not ${lang}.`;
  const round = Number(values['--round'] ?? '1');
  if (!Number.isInteger(round) || round < 1 || round > 99) return `--round is a number from 1, not ${values['--round']}.`;
  return { issue: files[0]!, notes: values['--notes']!, format, apply, lang, round, roundLabel: values['--round-label'] ?? null, tz: values['--tz'] };
}

quietOnClosedPipe();
process.exitCode = runCli('report', USAGE, process.argv.slice(2), parseArgs, (options, warn) => {
  const issue = issueOf(options.issue);
  const bytes = readInput(options.notes);
  const notes = isPackage(bytes) ? packageNotes(options.notes, bytes, issue, warn) : annotationNotes(options.notes, bytes, issue, warn);
  const input = {
    issue,
    round: { index: options.round, label: options.roundLabel ?? roundLabel(options.round, options.lang) },
    notes,
    lang: options.lang,
    now: new Date(),
    ...(options.tz ? { timeZone: options.tz } : {}),
  };
  const out = options.format.produce(input, { apply: options.apply });
  for (const w of options.format.warnings?.(input, { apply: options.apply }) ?? []) warn(w);
  return out;
});
