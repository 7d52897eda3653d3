// The real sample issue against a hand-edited revision of itself, as a typesetter would send back
// proof 2: some marks carried out, some not, some otherwise; a paragraph split, two merged, spacing
// tidied; an article retitled; a paragraph deleted and one moved to another article; changes
// nobody asked for; every contents page number moved by 2. Every note is carried, 1,000 random
// highlights included.
import { describe, expect, it } from 'vitest';
import { sampleIssue } from '../../bench/synthetic.ts';
import { articleText } from '../../src/lib/anchor/article-text.ts';
import { compareProofs, type CarryInput } from '../../src/lib/compare/index.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { note, pointAfter, replaceIn, revise, suggest, targetAtOffsets, targetOf } from './fixtures/compare/build.ts';

const old = sampleIssue();
const A = old.articles[0]!; // 在第十四届全国人民代表大会第一次会议上的讲话
const PARTY = old.articles[2]!; // 坚守党校初心 努力为党育才为党献策
const XIAN = old.articles[11]!; // 马吉孝在西安调研慰问一线职工
const NEXT = old.articles[12]!; // 马吉孝在湟源县调研…
const DRIVE = old.articles[18]!; // 青海省总工会启动 2023 年集体协商集中要约行动
const CONTEST = old.articles[20]!; // 省总工会抓住重点彰显特点打造亮点…
const CRANE = old.articles[34]!; // 田得梅：天车上的90后“空姐”
const EDITED = new Set([A, PARTY, XIAN, NEXT, DRIVE, CONTEST, CRANE].map((a) => a.id));

function proof2(issue: Issue): Issue {
  return revise(issue, (c) => {
    const at = (a: { id: string }) => c.articles.find((x) => x.id === a.id)!;
    replaceIn(at(A), '崇高职务', '崇高的职务');
    replaceIn(at(A), '文明史的中华民族', '文明史的中华民族伟大');
    // A paragraph split in two, two merged, extraction spacing tidied.
    const party = at(PARTY).blocks;
    const p = party[2]!;
    const cut = p.text.indexOf('他强调');
    party.splice(2, 1, { ...p, text: p.text.slice(0, cut) }, { ...p, text: p.text.slice(cut) });
    party[4]!.text += party[5]!.text;
    party.splice(5, 1);
    party[2]!.text = party[2]!.text.replace('3 月 1 日', '3月1日');
    const xian = at(XIAN);
    replaceIn(xian, '拉面产业发展情况', '拉面产业情况');
    replaceIn(xian, '加快特色品牌建设，注重提升', '加快特色品牌打造，着力提升');
    replaceIn(xian, '走访慰问青海省政府', '走访慰问省政府');
    const moved = xian.blocks.findIndex((b) => b.text.startsWith('调研期间'));
    at(NEXT).blocks.push(...xian.blocks.splice(moved, 1));
    replaceIn(at(DRIVE), '从3月1日至7月31日', '从3月1日至8月31日');
    at(CONTEST).blocks.splice(3, 1);
    at(CRANE).blocks[0]!.text = '田得梅：天车上的“90后空姐”';
    for (const s of c.sections) for (const e of s.entries) if (e.page !== undefined) e.page += 2;
    c.masthead.phone = '(0971)8239550 8236828';
  });
}

function randomNotes(issue: Issue, n: number): CarryInput[] {
  let seed = 2023;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pool = issue.articles.filter((a) => !EDITED.has(a.id) && articleText(a).text.length > 20);
  return Array.from({ length: n }, (_, k) => {
    const a = pool[Math.floor(rand() * pool.length)]!;
    const len = articleText(a).text.length;
    const start = Math.floor(rand() * (len - 16));
    return note(k % 3 === 0 ? 'highlight' : 'comment', targetAtOffsets(a, start, start + 1 + Math.floor(rand() * 15)), null, `random-${k}`);
  });
}

const marked: CarryInput[] = [
  suggest(targetOf(A, '崇高职务'), 'replace', '崇高的职务', 'applied'),
  suggest(targetOf(A, '沉甸甸'), 'replace', '沉重', 'not-applied'),
  suggest(pointAfter(A, '文明史的中华民族'), 'insert', '伟大', 'insert'),
  suggest(targetOf(A, '逐步'), 'delete', '', 'delete'),
  suggest(targetOf(XIAN, '拉面产业发展情况'), 'replace', '拉面产业发展状况', 'changed'),
  suggest(targetOf(XIAN, '注重提升'), 'replace', '着力提升', 'with-changes'),
  note('highlight', targetOf(XIAN, '颁发了青海省职工职业道德建设'), null, 'moved-away'),
  note('comment', targetOf(PARTY, '3 月 1 日举行'), null, 'spacing'),
  note('question', targetOf(PARTY, '为党育才、为党献策'), null, 'split'),
  note('comment', targetOf(PARTY, '高唱国歌'), null, 'merged'),
  note('comment', targetOf(DRIVE, '集体合同已经到期'), null, 'still'),
  note('highlight', targetOf(CONTEST, '拉开了全省劳动竞赛的序幕'), null, 'deleted'),
  suggest(targetOf(CONTEST, '1642家'), 'replace', '1,642家', 'deleted-suggestion'),
  note('comment', targetOf(CRANE, '大国工匠年度人物'), null, 'retitled'),
];

describe('the sample issue against a revision of itself', () => {
  const neu = proof2(old);
  const notes = [...marked, ...randomNotes(old, 1000)];
  const result = compareProofs(old, neu, notes);
  const get = (id: string) => result.carried.find((c) => c.noteId === id)!;

  it('matches every article, the retitled one too', () => {
    expect(result.articles.size).toBe(old.articles.length);
    const crane = neu.articles[34]!;
    expect(crane.id).not.toBe(CRANE.id);
    expect(result.articles.get(CRANE.id)).toBe(crane.id);
  });

  it('carries every note, in input order', () => {
    expect(result.carried.map((c) => c.noteId)).toEqual(notes.map((n) => n.id));
  });

  it('checks every suggestion (核红)', () => {
    expect(get('applied')).toMatchObject({ status: 'applied', how: 'exact', target: { quote: '崇高的职务' } });
    expect(get('not-applied')).toMatchObject({ status: 'not-applied', target: { quote: '沉甸甸' } });
    expect(get('insert')).toMatchObject({ status: 'applied', target: { quote: '伟大' } });
    expect(get('delete')).toMatchObject({ status: 'not-applied', target: { quote: '逐步' } });
    expect(get('changed')).toMatchObject({ status: 'changed', target: { quote: '拉面产业情况' } });
    expect(get('with-changes')).toMatchObject({ status: 'applied-with-changes', target: { quote: '着力提升' } });
    expect(get('deleted-suggestion')).toMatchObject({ status: 'orphaned', target: null, oldTarget: { quote: '1642家' } });
  });

  it('keeps other notes through reflow, retitling and moves, and lists the deleted one as 无法定位', () => {
    const party = neu.articles[2]!.id;
    expect(get('spacing')).toMatchObject({ status: 'unchanged', how: 'exact', target: { blockId: `${party}.2`, quote: '3月1日举行' } });
    expect(get('split')).toMatchObject({ status: 'unchanged', how: 'moved', target: { blockId: `${party}.3`, quote: '为党育才、为党献策' } });
    expect(get('merged')).toMatchObject({ status: 'unchanged', how: 'moved', target: { blockId: `${party}.4`, quote: '高唱国歌' } });
    expect(get('still')).toMatchObject({ status: 'unchanged', how: 'exact', target: { quote: '集体合同已经到期' } });
    expect(get('retitled')).toMatchObject({ status: 'unchanged', how: 'exact', target: { articleId: neu.articles[34]!.id } });
    expect(get('moved-away')).toMatchObject({ status: 'unchanged', how: 'other-article', target: { articleId: neu.articles[12]!.id } });
    expect(get('deleted')).toMatchObject({
      status: 'orphaned',
      target: null,
      how: null,
      oldTarget: { quote: '拉开了全省劳动竞赛的序幕', prefix: expect.stringContaining('2022年劳动竞赛启动仪式，') },
    });
  });

  it('finds the 1,000 random notes exactly where they were', () => {
    const random = result.carried.filter((c) => c.noteId.startsWith('random-'));
    expect(random).toHaveLength(1000);
    for (const c of random) {
      expect(c.status).toBe('unchanged');
      expect(c.how).toBe('exact');
      expect(c.target).toEqual(c.oldTarget);
    }
  });

  it('lists the changes with before, after and context, and whether a note asked for them', () => {
    const text = result.changes.filter((c) => c.kind === 'text' || c.kind === 'title');
    const short = (s: string) => (s.length > 16 ? `${s.slice(0, 10)}…` : s);
    const summary = text.map((c) => [c.kind, short(c.before), short(c.after), c.noted]);
    expect(summary).toEqual([
      ['text', '', '的', true],
      ['text', '', '伟大', true],
      ['text', '发展', '', true],
      ['text', '青海省政府', '省政府', false],
      ['text', '建设', '打造', false],
      ['text', '注重', '着力', true],
      ['text', '调研期间，马吉孝还为…', '', true],
      ['text', '', '调研期间，马吉孝还为…', false],
      ['text', '7', '8', false],
      ['text', '聚焦中心任务，强化工…', '', true],
      ['title', '田得梅：天车上的90后“空姐”', '田得梅：天车上的“90后空姐”', false],
    ]);
    const seven = text.find((c) => c.before === '7')!;
    expect(seven.context).toEqual(['通知》，从3月1日至', '月31日，在全省范围']);
    expect(seven.target).toMatchObject({ articleId: DRIVE.id, blockId: `${DRIVE.id}.1`, quote: '8' });
    expect(seven.oldTarget).toMatchObject({ quote: '7' });
    const brand = text.find((c) => c.before === '建设')!;
    expect(brand.context).toEqual(['强调，要加快特色品牌', '，着力提升拉面从业人']);
  });

  it('groups the contents page numbers that all moved by 2, and reports the masthead change', () => {
    const pages = result.changes.filter((c) => c.kind === 'pages');
    const listed = old.sections.flatMap((s) => s.entries).flatMap((e) => (e.page === undefined ? [] : [e.page]));
    const [first, last] = [listed[0]!, listed[listed.length - 1]!];
    expect([first, last]).toEqual([3, 46]);
    expect(pages).toEqual([expect.objectContaining({ before: '3–46', after: '5–48', group: { count: listed.length, shift: 2 } })]);
    expect(result.changes.filter((c) => c.kind === 'contents')).toEqual([]);
    expect(result.changes.filter((c) => c.kind === 'masthead').map((c) => [c.before, c.after])).toEqual([
      ['(0971)8239550 8236826', '(0971)8239550 8236828'],
    ]);
  });
});
