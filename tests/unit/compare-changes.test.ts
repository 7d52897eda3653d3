// Changes between two proofs: text diffs in whole words and numbers, reflow and whitespace as no
// change, titles, contents entries, grouped page numbers, masthead fields, added and removed
// articles, and which changes a note asked for.
import { describe, expect, it } from 'vitest';
import { compareProofs, type Change } from '../../src/lib/compare/index.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import { article, buildIssue, note, replaceIn, revise, suggest, targetOf, type IssueSpec } from './fixtures/compare/build.ts';

const zh: IssueSpec = {
  language: 'zh',
  masthead: { issueLabel: '2023年第3期', publisher: '青海省总工会', phone: '(0971)8239550', board: [{ role: '主编', names: ['王敬斋'] }] },
  articles: [
    {
      title: '省总工会召开全委会议',
      page: 3,
      blocks: [
        ['byline', '□ 本刊记者'],
        '3月15日，青海省总工会召开十四届全委会议，传达学习全国两会精神。会议由主席马吉孝主持。',
        '会议强调，要认真地学习贯彻会议精神，团结动员全省职工为2023年各项任务作贡献。',
        '全省各级工会要立足实际，扎实推进“县级工会加强年”专项工作。',
      ],
    },
    {
      title: '海东市总工会启动集体协商要约行动',
      page: 5,
      blocks: ['近日，海东市总工会启动2023年集体协商集中要约行动，覆盖职工1,200人。', '行动为期三个月，分三个阶段进行。'],
    },
    {
      title: '西宁市开展劳模走访慰问',
      page: 7,
      blocks: ['春节前夕，西宁市总工会走访慰问劳动模范，送去节日问候。', '慰问组详细了解劳模的生活状况。'],
    },
  ],
};

const en: IssueSpec = {
  language: 'en',
  articles: [
    {
      title: 'Union opens bargaining drive',
      page: 2,
      blocks: [
        'The provincial union opened its annual bargaining drive on Monday, reaching 1,200 workers in 35 companies.',
        'Officials said the drive would run until June and cover wages, hours and safety.',
      ],
    },
  ],
};

const texts = (changes: Change[], kind: Change['kind'] = 'text') => changes.filter((c) => c.kind === kind).map((c) => [c.before, c.after]);

describe('text changes', () => {
  it('reports nothing for the same issue', () => {
    const issue = buildIssue(zh);
    expect(compareProofs(issue, revise(issue, () => {}), []).changes).toEqual([]);
  });

  it('reports a changed character as its whole word, with context from the new proof and targets on both sides', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => replaceIn(c.articles[0]!, '青海省', '清海省'));
    const [change, ...rest] = compareProofs(old, neu, []).changes;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ kind: 'text', before: '青海省', after: '清海省', noted: false, noteIds: [] });
    expect(change!.context).toEqual(['3月15日，', '总工会召开十四届全委']);
    expect(change!.target).toMatchObject({ blockId: `${neu.articles[0]!.id}.2`, quote: '清海省' });
    expect(change!.oldTarget).toMatchObject({ blockId: `${old.articles[0]!.id}.2`, quote: '青海省' });
    expect(change!.oldArticleId).toBe(old.articles[0]!.id);
    expect(change!.newArticleId).toBe(neu.articles[0]!.id);
  });

  it('reports numbers whole: 2023→2024, not 3→4', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => replaceIn(c.articles[0]!, '2023年', '2024年'));
    expect(texts(compareProofs(old, neu, []).changes)).toEqual([['2023', '2024']]);
  });

  it('diffs English by word and reports 1,200 → 1,250 whole', () => {
    const old = buildIssue(en);
    const neu = revise(old, (c) => {
      replaceIn(c.articles[0]!, '1,200', '1,250');
      replaceIn(c.articles[0]!, 'until June', 'until July');
      replaceIn(c.articles[0]!, 'wages, hours', 'wages, working hours');
    });
    const changes = compareProofs(old, neu, []).changes;
    expect(texts(changes)).toEqual([['1,200', '1,250'], ['June', 'July'], ['', 'working']]);
    expect(changes[0]!.context).toEqual([' reaching ', ' workers i']);
  });

  it('gives a deletion its context from the old proof and a point as its target', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => replaceIn(c.articles[0]!, '认真地', ''));
    const [change] = compareProofs(old, neu, []).changes;
    expect(change).toMatchObject({ before: '认真地', after: '' });
    expect(change!.context).toEqual(['会议强调，要', '学习贯彻会议精神，团']);
    expect(change!.target).toMatchObject({ quote: '', start: 6, end: 6 });
  });

  it('ignores changes of whitespace and line breaks only', () => {
    const old = buildIssue(en);
    const neu = revise(old, (c) => {
      const b = c.articles[0]!.blocks[1]!;
      b.text = b.text.replace(/ /g, '  ').replace('annual ', 'annual\n');
    });
    const zhOld = buildIssue(zh);
    const zhNew = revise(zhOld, (c) => replaceIn(c.articles[1]!, '启动2023年', '启动 2023 年'));
    expect(compareProofs(old, neu, []).changes).toEqual([]);
    expect(compareProofs(zhOld, zhNew, []).changes).toEqual([]);
  });

  it('ignores paragraphs split and merged by the typesetter', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      const blocks = c.articles[0]!.blocks;
      const p = blocks[2]!;
      const cut = p.text.indexOf('会议由');
      blocks.splice(2, 1, { ...p, text: p.text.slice(0, cut) }, { ...p, text: p.text.slice(cut) });
      const last = blocks.pop()!;
      blocks[blocks.length - 1]!.text += last.text;
    });
    expect(neu.articles[0]!.blocks).toHaveLength(old.articles[0]!.blocks.length);
    expect(compareProofs(old, neu, []).changes).toEqual([]);
  });

  it('ignores a page break that moved in extracted text', () => {
    const paragraph = '全省各级工会要立足实际，扎实推进专项工作，切实把党中央的决策部署落到实处，为全省经济社会发展作出新的更大贡献。';
    const text = (cut: number) =>
      ['2023年第3期', '', '要闻', '', '省总工会召开全委会议\t3', '', '', '', '省总工会召开全委会议', '', '□ 本刊记者', '',
        paragraph.slice(0, cut), '', paragraph.slice(cut), '', '会议由主席主持。', ''].join('\n');
    const source = { name: 'p.txt', bytes: 0, encoding: 'utf-8', format: 'text' as const };
    const old = parseText(text(26), source);
    const moved = parseText(text(40), source);
    const unstitched = parseText(text(14), source);
    expect(old.articles.map((a) => a.title)).toEqual(['省总工会召开全委会议']);
    expect(old.articles[0]!.blocks[2]!.joins).toEqual([{ at: 26, kind: 'sentence' }]);
    expect(moved.articles[0]!.blocks[2]!.joins).toEqual([{ at: 40, kind: 'sentence' }]);
    expect(unstitched.articles[0]!.blocks).toHaveLength(5);
    expect(compareProofs(old, unstitched, []).changes).toEqual([]);
    const neu = moved;
    expect(compareProofs(old, neu, []).changes).toEqual([]);
  });

  it('reports a changed title once, whole, and still matches the article', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      const a = c.articles[2]!;
      a.blocks[0]!.text = '西宁市开展劳模走访慰问活动';
      c.sections[0]!.entries[2]!.title = '西宁市开展劳模走访慰问活动';
    });
    const result = compareProofs(old, neu, []);
    expect(result.articles.get(old.articles[2]!.id)).toBe(neu.articles[2]!.id);
    expect(neu.articles[2]!.id).not.toBe(old.articles[2]!.id);
    expect(texts(result.changes, 'title')).toEqual([['西宁市开展劳模走访慰问', '西宁市开展劳模走访慰问活动']]);
    expect(texts(result.changes, 'contents')).toEqual([['西宁市开展劳模走访慰问', '西宁市开展劳模走访慰问活动']]);
    expect(texts(result.changes)).toEqual([]);
    expect(result.changes.find((c) => c.kind === 'title')!.target).toMatchObject({ blockId: `${neu.articles[2]!.id}.0` });
  });

  it('reports added and removed articles as whole-text changes', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      c.articles.splice(1, 1);
      c.articles.push({ ...structuredClone(c.articles[0]!), id: 'new', title: '新增文章', blocks: [{ id: 'x', kind: 'title', text: '新增文章' }, { id: 'y', kind: 'paragraph', text: '这是一篇新增的文章。' }] });
    });
    const result = compareProofs(old, neu, []);
    const text = result.changes.filter((c) => c.kind === 'text');
    expect(text.map((c) => [c.oldArticleId, c.newArticleId, c.before.slice(0, 6), c.after])).toEqual([
      [null, neu.articles[2]!.id, '', '新增文章\n这是一篇新增的文章。'],
      [old.articles[1]!.id, null, '海东市总工会', ''],
    ]);
    expect(result.articles.has(old.articles[1]!.id)).toBe(false);
  });

  it('marks a change a note covers as noted, and one nobody asked for as unrequested', () => {
    const old = buildIssue(zh);
    const a = old.articles[0]!;
    const asked = suggest(targetOf(a, '认真地'), 'replace', '认真', 'asked');
    const elsewhere = note('comment', targetOf(a, '立足实际'), null, 'far');
    const neu = revise(old, (c) => {
      replaceIn(c.articles[0]!, '认真地', '认真');
      replaceIn(c.articles[0]!, '主持', '主办');
    });
    const changes = compareProofs(old, neu, [asked, elsewhere]).changes;
    expect(changes.map((c) => [c.before, c.after, c.noted, c.noteIds])).toEqual([
      ['主持', '主办', false, []],
      ['地', '', true, ['asked']],
    ]);
  });
});

describe('contents, pages and masthead', () => {
  it('reports contents page numbers that all moved by 2 as one grouped change', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      for (const e of c.sections[0]!.entries) e.page! += 2;
    });
    const pages = compareProofs(old, neu, []).changes.filter((c) => c.kind === 'pages');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ before: '3–7', after: '5–9', group: { count: 3, shift: 2 }, target: null, noted: false });
  });

  it('reports a single page change alone and runs with different shifts apart', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      const [e1, e2, e3] = c.sections[0]!.entries;
      e1!.page = 4;
      e2!.page = 8;
      e3!.page = 10;
    });
    const pages = compareProofs(old, neu, []).changes.filter((c) => c.kind === 'pages');
    expect(pages.map((p) => [p.before, p.after, p.group])).toEqual([
      ['3', '4', undefined],
      ['5–7', '8–10', { count: 2, shift: 3 }],
    ]);
  });

  it('reports a title changed in the contents only as a contents change', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      c.sections[0]!.entries[1]!.title = '海东市总工会启动集体协商集中要约行动';
    });
    const result = compareProofs(old, neu, []);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      kind: 'contents',
      before: '海东市总工会启动集体协商要约行动',
      after: '海东市总工会启动集体协商集中要约行动',
      context: ['要闻', '海东市总工会启动集体协商集中要约行动'],
      oldArticleId: old.articles[1]!.id,
      newArticleId: neu.articles[1]!.id,
    });
  });

  it('reports contents entries added and removed', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      c.sections[0]!.entries.splice(2, 1);
      c.sections.push({ id: 's9', title: '图片新闻', entries: [{ id: 'e9', title: '春到高原', page: 30, articleId: null }] });
    });
    const contents = compareProofs(old, neu, []).changes.filter((c) => c.kind === 'contents');
    expect(contents.map((c) => [c.before, c.after])).toEqual([
      ['', '春到高原'],
      ['西宁市开展劳模走访慰问', ''],
    ]);
  });

  it('reports masthead fields and board roles that changed, not whitespace', () => {
    const old = buildIssue(zh);
    const neu = revise(old, (c) => {
      c.masthead.phone = '(0971) 8239551';
      c.masthead.publisher = '青海省总工会 ';
      c.masthead.board = [{ role: '主编', names: ['王敬斋', '吴建军'] }];
    });
    expect(compareProofs(old, neu, []).changes.map((c) => [c.kind, c.context, c.before, c.after])).toEqual([
      ['masthead', ['phone', ''], '(0971)8239550', '(0971) 8239551'],
      ['masthead', ['board', '主编'], '王敬斋', '王敬斋 吴建军'],
    ]);
  });
});

it('survives empty issues and articles without blocks', () => {
  const empty = buildIssue({ articles: [] });
  const old = buildIssue(zh);
  const hollow = revise(old, (c) => (c.articles[0]!.blocks = []));
  expect(compareProofs(empty, empty, []).changes).toEqual([]);
  expect(compareProofs(empty, old, []).changes.filter((c) => c.kind === 'text')).toHaveLength(3);
  expect(compareProofs(old, empty, []).changes.filter((c) => c.kind === 'text')).toHaveLength(3);
  expect(() => compareProofs(old, hollow, [note('comment', targetOf(article(old, '省总工会'), '马吉孝'))])).not.toThrow();
  expect(() => compareProofs(hollow, old, [])).not.toThrow();
});
