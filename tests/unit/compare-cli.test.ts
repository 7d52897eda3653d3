// The compare CLI as a user runs it: two proofs (fixtures/compare-cli/old.md → new.md: suggestions
// carried out, not, otherwise and with more around them; changes nobody asked for; a paragraph
// deleted; a page number and the masthead changed), with the notes from W3C JSON-LD made by our own
// export (plus two annotations from another tool) or from a review package, as exact JSON and as a
// summary; and one clear line on stderr with a non-zero exit for each kind of bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { cli, root } from './helpers/cli.ts';
import { articleText, rangeFromOffsets } from '../../src/lib/anchor/article-text.ts';
import { describeRange } from '../../src/lib/anchor/describe.ts';
import type { Target } from '../../src/lib/anchor/target.ts';
import { formatById } from '../../src/lib/export/index.ts';
import { loadIssue } from '../../src/lib/issue/load.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { addProof, createNote, readNotes, setIssue, setStatus, writeCarry, type NoteDraft } from '../../src/lib/review/index.ts';
import type { Author, NoteStatus } from '../../src/lib/review/types.ts';
import { encodePackage } from '../../src/lib/sync/review-package.ts';

const { dir, run: compare, file } = cli('scripts/compare.ts');

const OLD = 'tests/unit/fixtures/compare-cli/old.md';
const NEW = 'tests/unit/fixtures/compare-cli/new.md';
const load = (path: string) => loadIssue(readFileSync(join(root, path)), path.split('/').pop()!);
const old = load(OLD);
const ANNA: Author = { id: 'anna', name: '安娜', colour: '#2563eb' };
const T0 = Date.UTC(2023, 2, 15, 2, 0, 0);

/** The target of `quote` in the article whose title starts with `title` (its nth occurrence). */
function at(issue: Issue, title: string, quote: string): Target {
  const a = issue.articles.find((x) => x.title.startsWith(title))!;
  const text = articleText(a);
  const start = text.text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in ${a.title}`);
  return describeRange(a, rangeFromOffsets(text, start, start + quote.length)!)!;
}

const SPEECH = '携手';
const XINING = '西宁';

interface Spec extends Omit<NoteDraft, 'category'> {
  status?: NoteStatus;
}

/** Notes written the way the app writes them, on `doc`, a minute apart from `minute` on. */
function write(doc: Y.Doc, specs: Spec[], minute = 0): void {
  specs.forEach((s, k) => {
    const { status, ...draft } = s;
    const r = createNote(doc, { category: 'typo', ...draft }, ANNA, T0 + (minute + k) * 60_000);
    if (!r.ok) throw new Error(`${s.id}: ${r.reason} ${r.detail ?? ''}`);
    if (status) expect(setStatus(doc, s.id!, status).ok).toBe(true);
  });
}

const replace = (text: string) => ({ op: 'replace' as const, text });

const ON_OLD: Spec[] = [
  { id: 'applied', kind: 'suggestion', target: at(old, SPEECH, '领导人'), suggestion: replace('领导者') },
  { id: 'ignored', kind: 'suggestion', target: at(old, SPEECH, '，先生们'), suggestion: { op: 'delete', text: '' } },
  { id: 'rejected', kind: 'suggestion', target: at(old, SPEECH, '人类社会'), suggestion: replace('人类'), status: 'rejected' },
  { id: 'otherwise', kind: 'suggestion', target: at(old, XINING, '拉面产业发展情况'), suggestion: replace('拉面产业发展状况') },
  { id: 'more', kind: 'suggestion', target: at(old, XINING, '注重提升'), suggestion: replace('着力提升') },
  { id: 'same', kind: 'comment', target: at(old, SPEECH, '很高兴同大家相聚'), body: '好' },
  { id: 'edited', kind: 'highlight', target: at(old, XINING, '职工职业道德建设') },
  { id: 'gone', kind: 'question', target: at(old, XINING, '召开座谈会'), body: '删了？' },
];

/** What new.md did with each note of ON_OLD, in the order they were made (a package's order). */
const NOTES_JSON = [
  { id: 'applied', status: 'applied', quote: '领导人', proposed: '领导者' },
  { id: 'ignored', status: 'not-applied', quote: '，先生们', proposed: '' },
  { id: 'rejected', status: 'changed', quote: '人类社会', proposed: '人类' },
  { id: 'otherwise', status: 'changed', quote: '拉面产业发展情况', proposed: '拉面产业发展状况' },
  { id: 'more', status: 'applied-with-changes', quote: '注重提升', proposed: '着力提升' },
  { id: 'same', status: 'unchanged', quote: '很高兴同大家相聚', proposed: null },
  { id: 'edited', status: 'changed', quote: '职工职业道德建设', proposed: null },
  { id: 'gone', status: 'orphaned', quote: '召开座谈会', proposed: null },
];
/** The W3C export lists them in reading order; the CLI keeps the file's order. */
const byId = (id: string) => NOTES_JSON.find((n) => n.id === id)!;
const READING_ORDER = ['applied', 'ignored', 'same', 'rejected', 'otherwise', 'more', 'edited', 'gone'].map(byId);

const change = (kind: string, before: string, after: string, context: [string, string], noted: boolean) => ({ kind, before, after, context, noted });
const CHANGES_JSON = [
  change('masthead', '(0971)8239550', '(0971)8239550 8236828', ['phone', ''], false),
  change('pages', '31', '33', ['市州动态', '西宁市总工会持续推进专项工作'], false),
  change('text', '人', '者', ['尊敬的各位政党领导', '，女士们，先生们，朋'], true),
  change('text', '社会', '', ['路这一重要命题。人类', '发展进步的历史，是一'], true),
  change('text', '发展', '', ['市总工会聚焦拉面产业', '情况，加快特色品牌建'], true),
  change('text', '建设', '打造', ['业情况，加快特色品牌', '，着力提升服务水平。'], false),
  change('text', '注重', '着力', ['，加快特色品牌打造，', '提升服务水平。'], true),
  change('text', '建设', '', ['，颁发了职工职业道德', '先进集体奖牌。'], true),
  change('text', '当天下午，调研组召开座谈会，听取基层工会工作汇报。', '', ['', ''], true),
];

/** ON_OLD exported by our W3C format, with two annotations from another tool added. */
function jsonld(): string {
  const doc = new Y.Doc();
  write(doc, ON_OLD);
  const notes = readNotes(doc).notes;
  const collection = JSON.parse(formatById('w3c-jsonld')!.produce({ issue: old, round: { index: 1, label: '一校' }, notes, lang: 'zh-CN', now: new Date(T0) }));
  const foreign = (id: string, quote: string, bodies: object[], motivation: string) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    motivation,
    body: bodies,
    target: { source: 'https://example.org/issue-3.pdf', selector: { type: 'TextQuoteSelector', exact: quote } },
  });
  collection.first.items.push(
    foreign('https://example.org/anno/42', '探讨现代化道路', [{ type: 'TextualBody', value: '好提法' }], 'commenting'),
    foreign('https://example.org/anno/43', '本刊不存在的一句话', [{ type: 'TextualBody', purpose: 'editing', value: '改写' }], 'editing'),
  );
  return file('notes.jsonld', JSON.stringify(collection, null, 2));
}

/** A review package whose first proof is old.md, holding ON_OLD. */
function firstProofPackage(): string {
  const doc = new Y.Doc();
  expect(setIssue(doc, old)).toBe('written');
  write(doc, ON_OLD);
  return file('first.proofroom', encodePackage(doc, ANNA, T0));
}

describe('npm run compare', { timeout: 15_000 }, () => {
  const w3c = jsonld();
  const pkg = firstProofPackage();

  it('checks W3C JSON-LD notes: ids as the file has them, 核红 statuses, changes with context and noted', () => {
    const { code, stdout, stderr } = compare(OLD, NEW, '--notes', w3c, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      notes: [
        ...READING_ORDER,
        { id: 'https://example.org/anno/42', status: 'unchanged', quote: '探讨现代化道路', proposed: null },
        { id: 'https://example.org/anno/43', status: 'orphaned', quote: '本刊不存在的一句话', proposed: '改写' },
      ],
      changes: CHANGES_JSON,
    });
  });

  it('reads a review package whose first proof is OLD: the same statuses, in the order the notes were made', () => {
    const { code, stdout, stderr } = compare(OLD, NEW, '--notes', pkg, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ notes: NOTES_JSON, changes: CHANGES_JSON });
  });

  it('prints a summary without --json: counts, then a line per note, then a line per change', () => {
    const { code, stdout, stderr } = compare(OLD, NEW, '--notes', pkg);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('工会工作 2023年第3期 (old.md) → 工会工作 2023年第3期 (new.md)');
    expect(lines[1]).toBe('Notes: 8 (1 applied, 1 not-applied, 3 changed, 1 applied-with-changes, 1 unchanged, 1 orphaned), from first.proofroom');
    expect(lines[2]).toBe('Changes: 9 (7 text, 1 pages, 1 masthead), 6 asked for by a note, 3 not');
    expect(stdout).toContain('\nNotes\n  applied               applied  “领导人” → “领导者”\n');
    expect(stdout).toContain('\n  orphaned              gone  “召开座谈会”\n');
    expect(stdout).toContain('\nChanges\n  masthead         phone: “(0971)8239550” → “(0971)8239550 8236828”\n');
    expect(stdout).toContain('\n  pages            市州动态 / 西宁市总工会持续推进专项工作: “31” → “33”\n');
    expect(stdout).toContain('\n  text      noted  尊敬的各位政党领导[人 → 者]，女士们，先生们，朋\n');
    expect(stdout).toContain('\n  text             业情况，加快特色品牌[建设 → 打造]，着力提升服务水平。\n');
    expect(stdout).toContain('\n  text      noted  路这一重要命题。人类[-社会]发展进步的历史，是一\n');
  });

  it('takes the notes seen in OLD when it is a later proof of the package: carried ones, orphans there, its own', () => {
    // Proof 1 differs from old.md in one phrase; old.md is the package's second proof.
    const first = loadIssue(new TextEncoder().encode(readFileSync(join(root, OLD), 'utf8').replace('注重提升', '重视提升')), 'proof1.md');
    const doc = new Y.Doc();
    setIssue(doc, first);
    write(doc, [
      { id: 'p1kept', kind: 'comment', target: at(first, SPEECH, '很高兴'), body: '' },
      { id: 'p1lost', kind: 'comment', target: at(first, XINING, '重视提升'), body: '' },
      { id: 'p1sugg', kind: 'suggestion', target: at(first, SPEECH, '领导人'), suggestion: replace('领导者') },
    ]);
    addProof(doc, first.id, old, ANNA, {
      now: T0,
      also: () =>
        writeCarry(doc, old.id, [
          { noteId: 'p1kept', status: 'unchanged', target: at(old, SPEECH, '很高兴'), how: 'exact' },
          { noteId: 'p1lost', status: 'orphaned', target: null, how: '' },
          { noteId: 'p1sugg', status: 'not-applied', target: at(old, SPEECH, '领导人'), how: 'exact' },
        ]),
    });
    write(doc, [{ id: 'p2sugg', kind: 'suggestion', target: at(old, XINING, '注重提升'), suggestion: replace('着力提升'), proof: old.id }], 10);
    const later = file('later.proofroom', encodePackage(doc, ANNA, T0));
    const { code, stdout, stderr } = compare(OLD, NEW, '--notes', later, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).notes).toEqual([
      { id: 'p1kept', status: 'unchanged', quote: '很高兴', proposed: null },
      { id: 'p1lost', status: 'orphaned', quote: '重视提升', proposed: null },
      // A suggestion of an earlier proof is followed like a comment, as the app does.
      { id: 'p1sugg', status: 'changed', quote: '领导人', proposed: '领导者' },
      { id: 'p2sugg', status: 'applied-with-changes', quote: '注重提升', proposed: '着力提升' },
    ]);
  });

  it('lists only the changes without --notes', () => {
    const { code, stdout, stderr } = compare(OLD, NEW, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ notes: [], changes: CHANGES_JSON.map((c) => ({ ...c, noted: false })) });
  });

  const usage: Array<[string, string[], string]> = [
    ['without both proofs', [OLD, '--json'], 'compare: Give the new proof too (OLD NEW).'],
    ['on an unknown flag', [OLD, NEW, '--notes', 'x.jsonld', '--yaml'], 'compare: Unknown option --yaml.'],
  ];
  for (const [what, args, problem] of usage) {
    it(`shows usage and exits 2 ${what}`, () => {
      const { code, stdout, stderr } = compare(...args);
      expect(stderr.startsWith(`${problem}\n\nUsage: npm run compare -- OLD NEW [--notes FILE] [--json]\n`)).toBe(true);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    });
  }

  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const good = () => readFileSync(pkg);
  const bad: Array<[string, () => string[], RegExp]> = [
    ['a missing OLD', () => [join(dir, 'nowhere.md'), NEW], /^compare: cannot read .*nowhere\.md: no such file$/],
    ['an image as NEW', () => [OLD, file('photo.png', png)], /^compare: .*photo\.png: .*PNG image, not text/],
    ['a notes file that is not JSON', () => [OLD, NEW, '--notes', file('broken.jsonld', '{"type": "AnnotationCollection", ')], /^compare: .*broken\.jsonld: neither a review package nor valid JSON/],
    ['JSON that holds no annotations', () => [OLD, NEW, '--notes', file('other.json', '{"format": "proofroom-issue"}')], /^compare: .*other\.json: not W3C annotations: /],
    ['a damaged review package', () => [OLD, NEW, '--notes', file('cut.proofroom', good().subarray(0, good().length - 20))], /^compare: .*cut\.proofroom: a damaged review package$/],
    ['a package without OLD among its proofs', () => [NEW, OLD, '--notes', pkg], /^compare: .*first\.proofroom holds the review of “工会工作 2023年第3期”, and new\.md \(工会工作 2023年第3期\) is not its proof$/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what}: one line on stderr, nothing on stdout, exit 1`, () => {
      const { code, stdout, stderr } = compare(...args());
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim()).toMatch(message);
      expect(stdout).toBe('');
      expect(code).toBe(1);
    });
  }
});
