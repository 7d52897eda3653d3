// Importing W3C Web Annotations made by other tools: anchored by their quote wherever their source
// points, in any of the shapes the model allows (one annotation, an array, a page, a collection),
// the ones that do not anchor listed, malformed input reported and never thrown.
import { describe, expect, it } from 'vitest';
import { importAnnotations } from '../../src/lib/export/index.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

const issue = handBuiltIssue();
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** As another tool writes it: its own page IRI, a quote selector only, a creator with a name. */
const fromElsewhere = {
  '@context': CONTEXT,
  id: 'https://annotations.example.org/anno/7f3a',
  type: 'Annotation',
  motivation: 'commenting',
  created: '2024-05-01T08:30:00Z',
  creator: { id: 'https://annotations.example.org/users/li', type: 'Person', name: '李编辑' },
  body: { type: 'TextualBody', value: '“女士们”前的逗号是否保留？', format: 'text/plain' },
  target: {
    source: 'https://magazine.example.org/2023/3/speech.html',
    selector: { type: 'TextQuoteSelector', exact: '女士们', prefix: '各位政党领导人，', suffix: '，先生们' },
  },
};

describe('importing W3C annotations from another tool', () => {
  it('anchors an annotation by its quote alone, whatever its source', () => {
    const r = importAnnotations(fromElsewhere, issue, { now: 0 });
    expect(r.errors).toEqual([]);
    expect(r.unanchored).toEqual([]);
    expect(r.drafts).toHaveLength(1);
    const d = r.drafts[0]!;
    expect(d.target).toMatchObject({ articleId: 'a1', blockId: 'a1.4', start: 11, endBlockId: 'a1.4', end: 14, quote: '女士们' });
    expect(d).toMatchObject({ kind: 'comment', category: 'other', status: 'open', body: '“女士们”前的逗号是否保留？', suggestion: null, anchoring: 'quote' });
    expect(d.author.name).toBe('李编辑');
    expect(d.author.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(d.author.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(d.created).toBe(Date.parse('2024-05-01T08:30:00Z'));
    expect(d.id).toMatch(/^w[0-9a-z]+$/);
    expect(d.annotationId).toBe(fromElsewhere.id);
  });

  it('gives the same ids on a second import, so nothing is added twice', () => {
    const a = importAnnotations([fromElsewhere], issue);
    const b = importAnnotations([JSON.parse(JSON.stringify(fromElsewhere))], issue);
    expect(b.drafts.map((d) => d.id)).toEqual(a.drafts.map((d) => d.id));
    expect(b.drafts[0]!.author.id).toBe(a.drafts[0]!.author.id);
    const withoutId = { ...fromElsewhere, id: undefined };
    expect(importAnnotations(withoutId, issue).drafts[0]!.id).toBe(importAnnotations(withoutId, issue).drafts[0]!.id);
  });

  it('reads editing annotations as suggestions, and prefixed motivations and bodyValue', () => {
    const edit = {
      ...fromElsewhere,
      id: 'urn:uuid:1',
      motivation: 'oa:editing',
      body: [{ type: 'TextualBody', purpose: 'editing', value: '女士' }, { type: 'TextualBody', purpose: 'tagging', value: 'typo' }],
    };
    const question = { ...fromElsewhere, id: 'urn:uuid:2', motivation: 'http://www.w3.org/ns/oa#questioning', body: undefined, bodyValue: '为什么？' };
    const bare = { ...fromElsewhere, id: 'urn:uuid:3', motivation: undefined, body: undefined };
    const r = importAnnotations([edit, question, bare], issue);
    expect(r.errors).toEqual([]);
    expect(r.drafts.map((d) => [d.kind, d.category, d.suggestion, d.body])).toEqual([
      ['suggestion', 'typo', { op: 'replace', text: '女士' }, ''],
      ['question', 'other', null, '为什么？'],
      ['highlight', 'other', null, ''],
    ]);
  });

  it('reads times before 1970 as 1970, which the review can hold', () => {
    const r = importAnnotations({ ...fromElsewhere, created: '1969-07-20T20:17:00Z', modified: '1969-07-21T02:56:00Z' }, issue);
    expect(r.drafts[0]).toMatchObject({ created: 0, edited: null });
  });

  it('uses the position of one of our articles to choose among repeated passages', () => {
    // 们 occurs three times in a1.4; the position names the second (先生们), the quote alone the first.
    const text = '尊敬的各位政党领导人，女士们，先生们，朋友们：';
    const start = '携手同行现代化之路'.length + 1 + '在高层对话会上'.length + 1 + '——主旨讲话'.length + 1 + '□ 习近平'.length + 1 + text.indexOf('生们') + 1;
    const a = {
      ...fromElsewhere,
      id: 'urn:uuid:pos',
      target: {
        source: 'urn:proofroom:issue:iolder:article:a1',
        selector: [{ type: 'TextQuoteSelector', exact: '们' }, { type: 'TextPositionSelector', start, end: start + 1 }],
      },
    };
    const r = importAnnotations(a, issue);
    expect(r.drafts[0]!.target).toMatchObject({ blockId: 'a1.4', start: text.indexOf('生们') + 1, quote: '们' });
    expect(r.drafts[0]!.anchoring).toBe('exact');
  });

  it('finds a passage that changed slightly, and says it was approximate', () => {
    const a = { ...fromElsewhere, target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: '坚守人名至上理念', prefix: '一、', suffix: '' } } };
    const r = importAnnotations(a, issue);
    expect(r.drafts[0]!.target).toMatchObject({ articleId: 'a1', blockId: 'a1.5', quote: '坚守人民至上理念' });
    expect(r.drafts[0]!.anchoring).toBe('fuzzy');
  });

  it('reads a collection with items inline, a page, and a collection whose first page is embedded', () => {
    const two = [fromElsewhere, { ...fromElsewhere, id: 'urn:uuid:b' }];
    expect(importAnnotations({ '@context': CONTEXT, type: 'AnnotationCollection', id: 'urn:c', items: two }, issue).drafts).toHaveLength(2);
    expect(importAnnotations({ type: 'AnnotationPage', id: 'urn:p', items: two }, issue).drafts).toHaveLength(2);
    const paged = {
      '@context': CONTEXT, type: 'AnnotationCollection', id: 'urn:c', total: 3,
      first: { id: 'urn:c:1', type: 'AnnotationPage', items: two, next: { id: 'urn:c:2', type: 'AnnotationPage', items: [{ ...fromElsewhere, id: 'urn:uuid:c' }] } },
    };
    expect(importAnnotations(paged, issue).drafts).toHaveLength(3);
  });

  it('threads replies, replies to replies included, under their note', () => {
    const reply = (id: string, to: string, value: string, created: string) => ({
      '@context': CONTEXT, id, type: 'Annotation', motivation: 'replying', created, creator: 'https://annotations.example.org/users/wang',
      body: { type: 'TextualBody', value }, target: to,
    });
    const r = importAnnotations([reply('urn:r2', 'urn:r1', '二楼', '2024-05-01T10:00:00Z'), fromElsewhere, reply('urn:r1', fromElsewhere.id, '一楼', '2024-05-01T09:00:00Z')], issue);
    expect(r.errors).toEqual([]);
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]!.replies.map((x) => [x.body, x.author.name])).toEqual([['一楼', 'wang'], ['二楼', 'wang']]);
    const loop = importAnnotations([fromElsewhere, reply('urn:r1', 'urn:r2', 'a', '2024-05-01T09:00:00Z'), reply('urn:r2', 'urn:r1', 'b', '2024-05-01T09:00:00Z')], issue);
    expect(loop.drafts[0]!.replies).toEqual([]);
    expect(loop.errors).toEqual(['urn:r1: a reply in a loop of replies, answering no note; skipped.', 'urn:r2: a reply in a loop of replies, answering no note; skipped.']);
  });

  it('lists annotations that do not anchor, with their quote and why', () => {
    const nowhere = { ...fromElsewhere, id: 'urn:nowhere', target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: '这句话不在本期里' } } };
    const orphanReply = { '@context': CONTEXT, id: 'urn:lost-reply', type: 'Annotation', motivation: 'replying', body: { type: 'TextualBody', value: '?' }, target: 'urn:not-here' };
    const positionOnly = { ...fromElsewhere, id: 'urn:pos-only', target: { source: 'x:y', selector: { type: 'TextPositionSelector', start: 0, end: 3 } } };
    const r = importAnnotations([nowhere, orphanReply, positionOnly, fromElsewhere], issue);
    expect(r.drafts).toHaveLength(1);
    expect(r.unanchored).toEqual([
      { id: 'urn:nowhere', quote: '这句话不在本期里', reason: 'its quote is not in this issue' },
      { id: 'urn:lost-reply', quote: '', reason: 'it replies to an annotation that is not in the file' },
      { id: 'urn:pos-only', quote: '', reason: 'it has no TextQuoteSelector, and no position in an article of this issue' },
    ]);
  });

  it('reports malformed input with clear messages and never throws', () => {
    const cyclic: Record<string, unknown> = { type: 'Annotation', target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: '女士们' } } };
    cyclic.self = cyclic;
    const cases: Array<[unknown, RegExp]> = [
      ['{"@context": ', /^Not valid JSON/],
      [42, /expected an Annotation, an array of them or an AnnotationCollection/],
      [null, /expected an Annotation/],
      [[1, 'x', null], /item 1 is not an annotation/],
      [{ type: 'Annotation', id: 'urn:a', body: 'urn:b' }, /has no target/],
      [[{ type: 'Person', name: 'x' }], /is of type Person, not an Annotation/],
      [{ type: 'AnnotationCollection', id: 'urn:c', total: 2, first: 'https://example.org/page1' }, /page 1 is only linked/],
      [[fromElsewhere, fromElsewhere], /repeats the annotation/],
      [{ id: 'urn:x', type: 'Annotation', target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: 5 } } }, /./],
      [cyclic, /Could not read the annotations/],
    ];
    for (const [json, message] of cases) {
      const r = importAnnotations(json, issue);
      const said = [...r.errors, ...r.unanchored.map((u) => u.reason)];
      expect(said.some((m) => message.test(m)), `${JSON.stringify(said)} for ${String(json).slice(0, 40)}`).toBe(true);
    }
  });
});
