// `npm run compare -- OLD NEW [--notes FILE] [--json]`: compares two proofs of one issue (一校 → 二校)
// with the app's own compareProofs: where each note seen on OLD is in NEW and, for suggestions,
// whether it was carried out (核红), then every change between the proofs and whether a note asked
// for it. OLD and NEW are any files Proofroom opens. FILE is W3C Web Annotation JSON-LD (anchored
// into OLD by quote) or a review package (.proofroom) of which OLD is one of the proofs.
//
// --json prints {"notes":[{"id","status","quote","proposed"}],"changes":[{"kind","before","after","context","noted"}]}:
// - a note's `id` is its id in FILE: in a package the note id; in JSON-LD the note id for our own
//   IRIs (urn:proofroom:note:<id>), the annotation's IRI for anyone else's;
// - `status`: applied, not-applied, changed, applied-with-changes (suggestions checked as such),
//   unchanged, changed (other notes), orphaned (not found in NEW — or already lost in OLD: a
//   package's orphans there, JSON-LD annotations whose passage is not in OLD);
// - `quote`: the note's passage in OLD (the one it was made on, when it is lost there);
//   `proposed`: a suggestion's text ('' for a deletion), null
//   for other notes. Like the app, a suggestion is checked as one when it was made on OLD and is not
//   rejected; otherwise it is followed like a comment (unchanged, changed or orphaned).
// - changes in the order compareProofs gives (masthead, contents and pages, then text and titles);
//   `context` is [about ten characters before, after] for text and titles, [section, entry] for
//   contents and pages, [field, board role or ''] for the masthead.
// Without --json: the same as a readable summary in English. Without --notes: changes only.
// Exit codes: 0 ok (warnings, if any, on stderr), 1 an input could not be used, 2 bad usage.

import { basename } from 'node:path';
import * as Y from 'yjs';
import { compareProofs, type Change, type CarryInput, type CarryStatus } from '../src/lib/compare/index.ts';
import { importAnnotations } from '../src/lib/export/index.ts';
import { readAnnotations, type RawAnnotation } from '../src/lib/export/w3c-read.ts';
import { noteIdOf } from '../src/lib/export/w3c-vocab.ts';
import type { Issue } from '../src/lib/issue/types.ts';
import { notesInProof, readCarry, readNotes, readProofs, roundOf } from '../src/lib/review/index.ts';
import type { NoteKind, NoteStatus, Suggestion } from '../src/lib/review/types.ts';
import { decodePackage, openPackage, PackageError } from '../src/lib/sync/review-package.ts';
import { isPackage, issueOf, quietOnClosedPipe, readInput, Refusal, runCli } from './cli-kit.ts';

const USAGE = `Usage: npm run compare -- OLD NEW [--notes FILE] [--json]

Compares two proofs of an issue (any files Proofroom opens): where each note on OLD is in NEW,
whether each suggestion was carried out, and every change between them.
  --notes FILE   the notes on OLD: W3C Web Annotation JSON-LD, or a review package (.proofroom)
                 holding OLD as one of its proofs (its notes made there or carried there)
  --json         print {"notes":[{id,status,quote,proposed}],"changes":[{kind,before,after,context,noted}]};
                 a note's id is the one FILE gives it (another tool's annotation: its IRI)
  -h, --help     show this help`;


/** A note of FILE as comparing needs it: checked in NEW when `input` is set, else lost already in OLD. */
interface Entry {
  id: string;
  input: Omit<CarryInput, 'id'> | null;
  /** Its passage as last known (used when it is not in OLD). */
  quote: string;
  proposed: string | null;
}

interface NoteRow {
  id: string;
  status: CarryStatus;
  quote: string;
  proposed: string | null;
}

interface ChangeRow {
  kind: Change['kind'];
  before: string;
  after: string;
  context: [string, string];
  noted: boolean;
}

/** How comparing checks a note: as a suggestion only when it still asks for one in this round. */
function inputOf(kind: NoteKind, suggestion: Suggestion | null, status: NoteStatus, asked: boolean, target: CarryInput['target']): Omit<CarryInput, 'id'> {
  const check = kind === 'suggestion' && suggestion !== null && status !== 'rejected' && asked;
  return { kind: check ? 'suggestion' : 'comment', target, suggestion: check ? suggestion : null };
}

function packageEntries(file: string, bytes: Uint8Array, old: Issue, warn: (line: string) => void): Entry[] {
  const doc = new Y.Doc();
  let title: string;
  let reviewId: string;
  try {
    const { header } = decodePackage(bytes);
    // Checks the update on a scratch doc (complete, and of the issue the header names) before using it.
    const { update } = openPackage(bytes, header.issueId);
    Y.applyUpdate(doc, update);
    title = header.issueTitle || header.issueId;
    reviewId = header.issueId;
  } catch (e) {
    const problem = e instanceof PackageError ? e.problem : 'damaged';
    const what = problem === 'newer-version' ? 'a review package from a newer version of Proofroom' : problem === 'not-a-package' ? 'not a review package' : 'a damaged review package';
    throw new Refusal(`${file}: ${what}`);
  }
  const view = readNotes(doc);
  const proofs = readProofs(doc, reviewId);
  const carry = readCarry(doc);
  doc.destroy();
  const proof = proofs.find((p) => p.id === old.id);
  if (!proof) {
    const which = proofs.length === 1 ? 'is not its proof' : `is none of its ${proofs.length} proofs`;
    throw new Refusal(`${file} holds the review of “${title}”, and ${old.source.name} (${old.title}) ${which}`);
  }
  if (view.invalid.length > 0) warn(`${view.invalid.length} unreadable entries in ${file} left out`);
  const seen = notesInProof(view.notes, proofs, carry, proof.id);
  return seen.all.map(({ note, target }) => ({
    id: note.id,
    input: target ? inputOf(note.kind, note.suggestion, note.status, roundOf(note, proofs) === proof.round, target) : null,
    quote: note.target.quote,
    proposed: note.kind === 'suggestion' ? (note.suggestion?.text ?? '') : null,
  }));
}

/** The id FILE gave a note: our own note id when the IRI is one of ours, else the IRI itself. */
function fileId(iri: string): string {
  const own = noteIdOf(iri);
  return own !== null && /^[A-Za-z0-9_-]{1,64}$/.test(own) ? own : iri;
}

/** What an annotation that could not be placed in OLD proposed, read as the importer reads it. */
function proposalOf(a: RawAnnotation | undefined): string | null {
  if (!a) return null;
  const editing = a.motivations.includes('editing') || a.bodies.some((b) => b.purposes.includes('editing'));
  if (!editing) return null;
  if (a.ext.op === 'delete') return '';
  const rest = a.bodies.filter((b) => !b.purposes.includes('tagging') && !b.purposes.includes('classifying'));
  const body = rest.find((b) => b.purposes.includes('editing')) ?? rest.find((b) => b.purposes.length === 0);
  return body ? body.value : null;
}

function annotationEntries(file: string, bytes: Uint8Array, old: Issue, warn: (line: string) => void): Entry[] {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Refusal(`${file}: neither a review package nor valid JSON (${(e as Error).message})`);
  }
  const r = importAnnotations(json, old);
  if (r.drafts.length === 0) {
    if (r.unanchored.length > 0) {
      throw new Refusal(`${file}: none of its ${r.unanchored.length} annotations is in ${old.source.name} (${old.title}): ${r.unanchored[0]!.reason}`);
    }
    if (r.errors.length > 0) throw new Refusal(`${file}: not W3C annotations: ${r.errors[0]}`);
  }
  for (const e of r.errors) warn(`${file}: ${e}`);
  // In the file's order: placed notes and those whose passage is not in OLD (replies to a note the
  // file lacks are no notes: left out, with a warning).
  const order = new Map(readAnnotations(json).annotations.map((a, k) => [a.id, { k, a }] as const));
  const at = (id: string) => order.get(id)?.k ?? Number.MAX_SAFE_INTEGER;
  const isReply = (id: string) => {
    const a = order.get(id)?.a;
    return !!a && a.motivations.includes('replying') && a.targets.every((t) => t.link);
  };
  for (const u of r.unanchored) if (isReply(u.id)) warn(`${file}: ${u.id.slice(0, 80)} ${u.reason}; left out`);
  const entries: Array<Entry & { k: number }> = [
    ...r.drafts.map((d) => ({
      k: at(d.annotationId),
      id: fileId(d.annotationId),
      input: inputOf(d.kind, d.suggestion, d.status, true, d.target),
      quote: d.target.quote,
      proposed: d.kind === 'suggestion' ? (d.suggestion?.text ?? '') : null,
    })),
    ...r.unanchored.filter((u) => !isReply(u.id)).map((u) => ({ k: at(u.id), id: fileId(u.id), input: null, quote: u.quote, proposed: proposalOf(order.get(u.id)?.a) })),
  ];
  return entries.sort((x, y) => x.k - y.k).map(({ k: _k, ...e }) => e);
}

function compareFiles(old: Issue, neu: Issue, entries: readonly Entry[]): { notes: NoteRow[]; changes: ChangeRow[] } {
  const inputs: CarryInput[] = [];
  const index: number[] = [];
  entries.forEach((e, k) => {
    if (!e.input) return;
    index[k] = inputs.length;
    inputs.push({ id: String(k), ...e.input });
  });
  const result = compareProofs(old, neu, inputs);
  const notes = entries.map((e, k): NoteRow => {
    const carried = e.input ? result.carried[index[k]!]! : null;
    return { id: e.id, status: carried?.status ?? 'orphaned', quote: carried?.oldTarget.quote ?? e.quote, proposed: e.proposed };
  });
  const changes = result.changes.map((c): ChangeRow => ({ kind: c.kind, before: c.before, after: c.after, context: [c.context[0], c.context[1]], noted: c.noted }));
  return { notes, changes };
}

// ---- the readable summary ----

const STATUSES: CarryStatus[] = ['applied', 'not-applied', 'changed', 'applied-with-changes', 'unchanged', 'orphaned'];
const KINDS: Array<Change['kind']> = ['text', 'title', 'contents', 'pages', 'masthead'];

/** One line: block breaks as ¶, other whitespace runs as one space. */
const flat = (s: string) => s.replace(/\n/g, '¶').replace(/\s+/g, ' ');
const quoted = (s: string) => `“${flat(s)}”`;

function counted<T extends string>(all: readonly T[], items: readonly T[]): string {
  const parts = all.map((x) => [x, items.filter((i) => i === x).length] as const).filter(([, n]) => n > 0);
  return parts.length ? ` (${parts.map(([x, n]) => `${n} ${x}`).join(', ')})` : '';
}

function edit(c: ChangeRow): string {
  if (c.before === '') return `[+${flat(c.after)}]`;
  if (c.after === '') return `[-${flat(c.before)}]`;
  return `[${flat(c.before)} → ${flat(c.after)}]`;
}

function changeLine(c: ChangeRow): string {
  const head = `  ${c.kind.padEnd(8)}  ${c.noted ? 'noted' : '     '}  `;
  if (c.kind === 'text' || c.kind === 'title') return `${head}${flat(c.context[0])}${edit(c)}${flat(c.context[1])}`;
  const where = c.context.filter(Boolean).map(flat).join(' / ');
  return `${head}${where}: ${quoted(c.before)} → ${quoted(c.after)}`;
}

function summary(old: Issue, neu: Issue, notesFile: string | null, out: { notes: NoteRow[]; changes: ChangeRow[] }): string {
  const lines: string[] = [];
  lines.push(`${old.title} (${old.source.name}) → ${neu.title} (${neu.source.name})`);
  if (notesFile !== null) {
    lines.push(`Notes: ${out.notes.length}${counted(STATUSES, out.notes.map((n) => n.status))}, from ${basename(notesFile)}`);
  }
  const noted = out.changes.filter((c) => c.noted).length;
  lines.push(`Changes: ${out.changes.length}${counted(KINDS, out.changes.map((c) => c.kind))}, ${noted} asked for by a note, ${out.changes.length - noted} not`);
  if (notesFile !== null) {
    lines.push('', 'Notes');
    if (out.notes.length === 0) lines.push('  (none)');
    const width = Math.max(0, ...out.notes.map((n) => n.status.length));
    for (const n of out.notes) {
      const proposal = n.proposed === null ? '' : ` → ${quoted(n.proposed)}`;
      lines.push(`  ${n.status.padEnd(width)}  ${n.id}  ${quoted(n.quote)}${proposal}`);
    }
  }
  lines.push('', 'Changes');
  if (out.changes.length === 0) lines.push('  (none)');
  for (const c of out.changes) lines.push(changeLine(c));
  return `${lines.join('\n')}\n`;
}

// ---- arguments ----

interface Options {
  old: string;
  neu: string;
  notes: string | null;
  json: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const files: string[] = [];
  let notes: string | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--notes' || arg.startsWith('--notes=')) {
      const value = arg === '--notes' ? argv[++i] : arg.slice('--notes='.length);
      if (!value) return '--notes needs a file.';
      if (notes !== null) return 'Give --notes once.';
      notes = value;
    } else if (arg.startsWith('-')) return `Unknown option ${arg}.`;
    else files.push(arg);
  }
  if (files.length < 2) return files.length ? 'Give the new proof too (OLD NEW).' : 'Give the old and the new proof (OLD NEW).';
  if (files.length > 2) return `Give two proofs, not ${files.length}.`;
  return { old: files[0]!, neu: files[1]!, notes, json };
}

quietOnClosedPipe();
process.exitCode = runCli('compare', USAGE, process.argv.slice(2), parseArgs, (options, warn) => {
  const old = issueOf(options.old);
  const neu = issueOf(options.neu);
  let entries: Entry[] = [];
  if (options.notes !== null) {
    const bytes = readInput(options.notes);
    entries = isPackage(bytes) ? packageEntries(options.notes, bytes, old, warn) : annotationEntries(options.notes, bytes, old, warn);
  }
  const out = compareFiles(old, neu, entries);
  return options.json ? `${JSON.stringify(out, null, 2)}\n` : summary(old, neu, options.notes, out);
});
