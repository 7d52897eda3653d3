// W3C Web Annotation export: an AnnotationCollection that meets the model's MUSTs (checked with ajv
// against our own schema of them, tests/unit/fixtures/export/w3c-model.schema.json), whose
// selectors pick the notes' passages, and which imports back to the same notes with the same ids.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { articleText } from '../../src/lib/anchor/article-text.ts';
import { annotationCollection, formatById, importAnnotations, type ExportInput, type ExportNote } from '../../src/lib/export/index.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { sampleIssue } from '../../bench/synthetic.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';
import { ANNA, BO, buildNotes, FIXTURE_NOTES, T0 } from './fixtures/export/notes.ts';

const schema = JSON.parse(readFileSync(new URL('./fixtures/export/w3c-model.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
// An absolute IRI (RFC 3987): a scheme, a colon, and no spaces or characters IRIs exclude.
ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u);
ajv.addSchema(schema);
const validCollection = ajv.getSchema('urn:proofroom:test:w3c-annotation-model')!;
const validAnnotation = ajv.getSchema('urn:proofroom:test:w3c-annotation-model#/definitions/annotation')!;
const problems = (v: typeof validCollection) => (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');

/** The fixture issue with a character outside the BMP (𠮷, 2 UTF-16 units, 1 code point) before a passage. */
function issueWithAstral(): Issue {
  const issue = handBuiltIssue();
  issue.articles[2]!.blocks[1]!.text = 'Mixed 𠮷 text with English words.';
  return issue;
}

type Json = Record<string, any>;
const issue = issueWithAstral();
const notes = buildNotes(issue, [
  ...FIXTURE_NOTES,
  // After the astral character: positions in code points differ from UTF-16 offsets by one.
  { id: 'astral1', at: ['a3', 'a3.1', 9, 13], kind: 'suggestion', suggestion: { op: 'replace', text: 'TEXT' }, author: BO, minute: 10 },
  // Across two blocks of a1 (the end of a1.4 and the start of a1.5).
  { id: 'across1', at: ['a1', 'a1.4', 19, 'a1.5', 2], kind: 'comment', body: '分段？', minute: 11 },
]);
const input = (over: Partial<ExportInput> = {}): ExportInput => ({
  issue,
  round: { index: 2, label: '二校' },
  notes,
  checks: new Map([['replace1', '已改']]),
  lang: 'zh-CN',
  now: new Date(T0 + 3_600_000),
  ...over,
});
const format = formatById('w3c-jsonld')!;
const exported = (): Json => JSON.parse(format.produce(input()));
const items = (c: Json): Json[] => c.first.items;

/** What a note is, for comparing an import with what was exported. */
const essence = (n: ExportNote) => ({
  id: n.id, target: n.target, kind: n.kind, category: n.category, colour: n.colour, author: n.author, created: n.created,
  edited: n.edited, status: n.status, body: n.body, suggestion: n.suggestion,
  replies: n.replies.map((r) => ({ id: r.id, author: r.author, body: r.body, created: r.created, edited: r.edited })),
});

describe('W3C Web Annotation export', () => {
  it('meets every MUST of the model our schema encodes, as a collection and item by item', () => {
    const c = exported();
    expect(validCollection(c), problems(validCollection)).toBe(true);
    for (const item of items(c)) expect(validAnnotation(item), `${item.id}\n${problems(validAnnotation)}`).toBe(true);
    expect(format.mime).toContain('application/ld+json');
    expect(format.extension).toBe('jsonld');
  });

  it('counts every annotation in total, on one embedded page from index 0, with unique stable ids', () => {
    const c = exported();
    const replies = notes.reduce((n, x) => n + x.replies.length, 0);
    expect(c.total).toBe(notes.length + replies);
    expect(items(c)).toHaveLength(c.total);
    expect(c.first.startIndex).toBe(0);
    expect(c.first['@context']).toBeUndefined();
    const ids = items(c).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('urn:proofroom:note:replace1');
    expect(ids).toContain('urn:proofroom:note:comment1:reply:r1');
    const later = JSON.parse(format.produce(input({ now: new Date(T0 + 9e9) })));
    expect(items(later).map((a: Json) => a.id)).toEqual(ids);
  });

  it('writes motivations, editing bodies, creators, times and our extension terms', () => {
    const byId = new Map(items(exported()).map((a) => [a.id, a]));
    const replace = byId.get('urn:proofroom:note:replace1')!;
    expect(replace.motivation).toBe('editing');
    expect(replace.body).toEqual({ type: 'TextualBody', purpose: 'editing', value: '领导者', format: 'text/plain' });
    expect(replace.creator).toEqual({ type: 'Person', name: '安娜', id: 'urn:proofroom:user:anna', 'proofroom:colour': '#2563eb' });
    expect(replace.created).toBe('2023-03-15T02:05:00Z');
    expect(replace).toMatchObject({ 'proofroom:category': 'typo', 'proofroom:status': 'accepted', 'proofroom:op': 'replace', 'proofroom:check': '已改' });
    const del = byId.get('urn:proofroom:note:delete1')!;
    expect(del.body).toEqual([
      { type: 'TextualBody', purpose: 'editing', value: '', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'commenting', value: '重复的称呼', format: 'text/plain' },
    ]);
    expect(byId.get('urn:proofroom:note:highlight1')!.motivation).toBe('highlighting');
    expect(byId.get('urn:proofroom:note:highlight1')!.body).toBeUndefined();
    expect(byId.get('urn:proofroom:note:question1')!.motivation).toBe('questioning');
    expect(byId.get('urn:proofroom:note:comment1')!.motivation).toBe('commenting');
    const reply = byId.get('urn:proofroom:note:comment1:reply:r1')!;
    expect(reply).toMatchObject({ motivation: 'replying', target: 'urn:proofroom:note:comment1', body: { type: 'TextualBody', value: '同意，保留原文。' } });
    expect(reply.created).toBe('2023-03-15T02:08:00Z');
  });

  it('targets the article by IRI with a quote and a position in code points that select the same text', () => {
    for (const a of items(exported()).filter((x) => x.motivation !== 'replying')) {
      const note = notes.find((n) => `urn:proofroom:note:${n.id}` === a.id)!;
      expect(a.target.source).toBe(`urn:proofroom:issue:${issue.id}:article:${note.target.articleId}`);
      const [quote, position] = a.target.selector;
      expect(quote).toEqual({ type: 'TextQuoteSelector', exact: note.target.quote, prefix: note.target.prefix, suffix: note.target.suffix });
      const points = Array.from(articleText(issue.articles.find((x) => x.id === note.target.articleId)!).text);
      expect(points.slice(position.start, position.end).join('')).toBe(quote.exact);
    }
    const astral = items(exported()).find((a) => a.id === 'urn:proofroom:note:astral1')!;
    const a3 = articleText(issue.articles[2]!).text;
    expect(astral.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: a3.indexOf('text') - 1, end: a3.indexOf('text') + 3 });
  });

  it('imports back to the same notes: targets, kinds, bodies, suggestions, authors, replies and ids', () => {
    const json = exported();
    const first = importAnnotations(json, issue);
    expect(first.errors).toEqual([]);
    expect(first.unanchored).toEqual([]);
    expect(first.drafts.map(essence)).toEqual(
      [...notes].sort((a, b) => json.first.items.findIndex((x: Json) => x.id.endsWith(`:${a.id}`)) - json.first.items.findIndex((x: Json) => x.id.endsWith(`:${b.id}`))).map(essence),
    );
    expect(first.drafts.every((d) => d.anchoring === 'exact')).toBe(true);
    const again = importAnnotations(JSON.parse(JSON.stringify(json)), issue);
    expect(again.drafts.map((d) => d.id)).toEqual(first.drafts.map((d) => d.id));
    expect(again.drafts.flatMap((d) => d.replies.map((r) => r.id))).toEqual(['r1', 'r2']);
  });

  it('is valid with no notes: a collection of none has no page', () => {
    const c = annotationCollection(input({ notes: [] }));
    expect(c.total).toBe(0);
    expect(c.first).toBeUndefined();
    expect(validCollection(c), problems(validCollection)).toBe(true);
  });

  it('exports and reimports notes on the real sample', () => {
    const sample = sampleIssue();
    const specs = sample.articles.slice(0, 30).map((a, i) => {
      const block = a.blocks.find((b) => b.kind === 'paragraph' && b.text.length > 20) ?? a.blocks[0]!;
      return { id: `n${i}`, at: [a.id, block.id, 3, 11] as [string, string, number, number], kind: 'suggestion' as const, suggestion: { op: 'replace' as const, text: '改' }, author: i % 2 ? ANNA : BO, minute: i };
    });
    const made = buildNotes(sample, specs);
    const json = JSON.parse(format.produce({ issue: sample, round: { index: 1, label: '一校' }, notes: made, lang: 'en', now: new Date(T0) }));
    expect(validCollection(json), problems(validCollection)).toBe(true);
    const back = importAnnotations(json, sample);
    expect(back.drafts.map(essence).sort((a, b) => a.id.localeCompare(b.id))).toEqual(made.map(essence).sort((a, b) => a.id.localeCompare(b.id)));
  });
});

describe('the MUST schema itself', () => {
  const good = (): Json => JSON.parse(JSON.stringify(exported()));
  const breakers: Array<[string, (c: Json) => void]> = [
    ['a collection without anno.jsonld in its context', (c) => (c['@context'] = ['http://example.org/ctx', { x: 'urn:x:' }])],
    ['a lone context value in an array', (c) => (c['@context'] = ['http://www.w3.org/ns/anno.jsonld'])],
    ['an extension context redefining a model term', (c) => (c['@context'] = ['http://www.w3.org/ns/anno.jsonld', { body: 'urn:x:body' }])],
    ['a collection with annotations but no first page', (c) => delete c.first],
    ['a page with no items', (c) => (c.first.items = [])],
    ['an annotation without a target', (c) => delete c.first.items[0].target],
    ['an annotation with two ids', (c) => (c.first.items[0].id = ['urn:a:1', 'urn:a:2'])],
    ['an annotation that is not of type Annotation', (c) => (c.first.items[0].type = 'Note')],
    ['a motivation outside the vocabulary', (c) => (c.first.items[0].motivation = 'proofreading')],
    ['a created time not in UTC', (c) => (c.first.items[0].created = '2023-03-15T10:05:00+08:00')],
    ['two created times', (c) => (c.first.items[0].created = ['2023-03-15T02:05:00Z', '2023-03-15T02:06:00Z'])],
    ['body and bodyValue together', (c) => (c.first.items[0].bodyValue = 'x')],
    ['a textual body without a value', (c) => delete c.first.items[0].body.value],
    ['a quote selector without exact', (c) => delete c.first.items[0].target.selector[0].exact],
    ['a position selector with a negative start', (c) => (c.first.items[0].target.selector[1].start = -1)],
    ['a position selector with a fractional end', (c) => (c.first.items[0].target.selector[1].end = 2.5)],
    ['a specific resource with two sources', (c) => (c.first.items[0].target.source = ['urn:a:1', 'urn:a:2'])],
    ['a negative total', (c) => (c.total = -1)],
  ];
  for (const [what, spoil] of breakers) {
    it(`rejects ${what}`, () => {
      const c = good();
      expect(c.first.items[0].id).toBe('urn:proofroom:note:replace1');
      spoil(c);
      expect(validCollection(c)).toBe(false);
    });
  }
});
