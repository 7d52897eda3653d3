// Carry-over and 核红: every note of the old proof found again in the new one, each suggestion
// checked (applied, not applied, changed otherwise, applied with changes nearby, orphaned), through
// reflow, retitling, moves to another article and deletions; odd input never throws.
import { describe, expect, it } from 'vitest';
import { compareProofs, type Carried, type CarryInput } from '../../src/lib/compare/index.ts';
import type { Issue } from '../../src/lib/issue/types.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import { article, buildIssue, note, pointAfter, replaceIn, revise, suggest, targetAtOffsets, targetOf, type IssueSpec } from './fixtures/compare/build.ts';
import { articleText } from '../../src/lib/anchor/article-text.ts';

const spec: IssueSpec = {
  language: 'zh',
  articles: [
    {
      title: '省总工会召开全委会议',
      blocks: [
        ['byline', '□ 本刊记者'],
        '3月15日，青海省总工会召开十四届全委会议，传达学习全国两会精神。会议由主席马吉孝主持。',
        '会议强调，要认真地学习贯彻会议精神，团结动员全省职工为2023年各项任务作贡献。',
        '全省各级工会要立足实际，扎实推进“县级工会加强年”专项工作。各级工会要在工会工作中发挥工会组织作用。',
      ],
    },
    {
      title: '海东市总工会启动集体协商要约行动',
      blocks: ['近日，海东市总工会启动2023年集体协商集中要约行动。', '此次行动覆盖全市各类企业职工1,200人。', '行动为期三个月，分三个阶段进行。'],
    },
    {
      title: '西宁市开展劳模走访慰问',
      blocks: ['春节前夕，西宁市总工会走访慰问劳动模范，送去节日问候。', '慰问组详细了解劳模的生活状况，帮助解决实际困难。'],
    },
  ],
};

function run(edit: (copy: Issue) => void, notes: (old: Issue) => CarryInput[], base = buildIssue(spec)) {
  const neu = revise(base, edit);
  const list = notes(base);
  const result = compareProofs(base, neu, list);
  const by = new Map(result.carried.map((c) => [c.noteId, c]));
  return { old: base, neu, result, get: (id: string): Carried => by.get(id)! };
}

describe('核红: suggestions checked against the new proof', () => {
  const { get, neu } = run(
    (c) => {
      const [a, b] = c.articles;
      replaceIn(a!, '认真地', '认真');
      replaceIn(a!, '传达学习', '传达贯彻');
      replaceIn(a!, '立足实际，扎实推进', '立足本地实际，大力推进');
      replaceIn(b!, '企业职工', '企业职工约');
      replaceIn(b!, '集中要约', '要约');
    },
    (o) => {
      const [a, b] = o.articles;
      return [
        suggest(targetOf(a!, '认真地'), 'replace', '认真', 'applied'),
        suggest(targetOf(a!, '十四届'), 'replace', '第十四届', 'not-applied'),
        suggest(targetOf(a!, '传达学习'), 'replace', '学习传达', 'changed'),
        suggest(targetOf(a!, '扎实推进'), 'replace', '大力推进', 'with-changes'),
        suggest(pointAfter(b!, '企业职工'), 'insert', '约', 'insert-applied'),
        suggest(pointAfter(b!, '分三个'), 'insert', '主要', 'insert-not'),
        suggest(targetOf(b!, '为期'), 'insert', '大约', 'insert-after-quote'),
        suggest(targetOf(b!, '集中'), 'delete', '', 'delete-applied'),
        suggest(targetOf(b!, '三个阶段'), 'delete', '', 'delete-not'),
      ];
    },
  );

  it('已改: the proposed text stands where the old text was', () => {
    expect(get('applied')).toMatchObject({ status: 'applied', how: 'exact', target: { quote: '认真', articleId: neu.articles[0]!.id } });
  });

  it('未改: the old text is still there', () => {
    expect(get('not-applied')).toMatchObject({ status: 'not-applied', how: 'exact', target: { quote: '十四届' } });
  });

  it('改动不符: the passage changed, but not to the proposal', () => {
    expect(get('changed')).toMatchObject({ status: 'changed', target: { quote: '传达贯彻' } });
  });

  it('已改但附近另有改动: applied, and text next to it changed too', () => {
    expect(get('with-changes')).toMatchObject({ status: 'applied-with-changes', how: 'moved', target: { quote: '大力推进' } });
  });

  it('checks insertions and deletions', () => {
    expect(get('insert-applied')).toMatchObject({ status: 'applied', target: { quote: '约' } });
    expect(get('insert-not')).toMatchObject({ status: 'not-applied', how: 'exact', target: { quote: '' } });
    expect(get('insert-after-quote')).toMatchObject({ status: 'not-applied', how: 'exact', target: { quote: '', prefix: expect.stringMatching(/为期$/) } });
    expect(get('delete-applied')).toMatchObject({ status: 'applied', target: { quote: '', suffix: expect.stringMatching(/^要约行动/) } });
    expect(get('delete-not')).toMatchObject({ status: 'not-applied', target: { quote: '三个阶段' } });
  });

  it('is not fooled by a proposal that already occurs next to the passage', () => {
    const base = buildIssue({ articles: [{ title: '测试', blocks: ['他再一次在会上发言。大家要好好学习，天天向上。'] }] });
    const { get: check } = run(
      () => {},
      (o) => [
        suggest(targetOf(o.articles[0]!, '在'), 'replace', '再', 'p-nearby'),
        suggest(pointAfter(o.articles[0]!, '好'), 'insert', '好', 'p-doubled'),
        suggest(targetOf(o.articles[0]!, '好', 1), 'delete', '', 'q-doubled'),
      ],
      base,
    );
    expect(check('p-nearby').status).toBe('not-applied');
    expect(check('p-doubled').status).toBe('not-applied');
    expect(check('q-doubled').status).toBe('not-applied');
    const { get: done } = run(
      (c) => replaceIn(c.articles[0]!, '好好', '好'),
      (o) => [suggest(targetOf(o.articles[0]!, '好', 1), 'delete', '', 'q-doubled')],
      base,
    );
    expect(done('q-doubled').status).toBe('applied');
  });

  it('checks English suggestions word by word, numbers whole', () => {
    const base = buildIssue({
      language: 'en',
      articles: [{ title: 'Union opens bargaining drive', blocks: ['The union reached 1,200 workers in 35 companies on Monday.'] }],
    });
    const { get: check } = run(
      (c) => {
        replaceIn(c.articles[0]!, '1,200', '1,250');
        replaceIn(c.articles[0]!, 'Monday', 'Tuesday');
      },
      (o) => [
        suggest(targetOf(o.articles[0]!, '1,200'), 'replace', '1,250', 'number'),
        suggest(targetOf(o.articles[0]!, 'Mon'), 'replace', 'Tues', 'part-word'),
        suggest(pointAfter(o.articles[0]!, 'reached'), 'insert', ' about', 'not'),
      ],
      base,
    );
    expect(check('number')).toMatchObject({ status: 'applied', target: { quote: '1,250' } });
    expect(check('part-word')).toMatchObject({ status: 'applied', target: { quote: 'Tues' } });
    expect(check('not')).toMatchObject({ status: 'not-applied' });
  });
});

describe('carry-over of notes', () => {
  it('keeps notes through paragraphs split and merged, with their quotes', () => {
    const { get, neu } = run(
      (c) => {
        const blocks = c.articles[0]!.blocks;
        const p = blocks[2]!;
        const cut = p.text.indexOf('会议由');
        blocks.splice(2, 1, { ...p, text: p.text.slice(0, cut) }, { ...p, text: p.text.slice(cut) });
        const last = blocks.pop()!;
        blocks[blocks.length - 1]!.text += last.text;
      },
      (o) => {
        const a = o.articles[0]!;
        return [
          note('comment', targetOf(a, '马吉孝'), null, 'after-split'),
          note('highlight', targetOf(a, '两会精神。会议由主席'), null, 'across-split'),
          note('question', targetOf(a, '立足实际'), null, 'merged'),
          note('highlight', targetOf(a, '作贡献。\n全省各级'), null, 'across-blocks'),
          note('comment', targetOf(a, '3月15日'), null, 'before'),
        ];
      },
    );
    const id = neu.articles[0]!.id;
    expect(get('after-split')).toMatchObject({ status: 'unchanged', how: 'moved', target: { blockId: `${id}.3`, start: 5, quote: '马吉孝' } });
    expect(get('across-split')).toMatchObject({ status: 'unchanged', target: { blockId: `${id}.2`, endBlockId: `${id}.3`, quote: '两会精神。\n会议由主席' } });
    expect(get('merged')).toMatchObject({ status: 'unchanged', how: 'moved', target: { blockId: `${id}.4`, quote: '立足实际' } });
    expect(get('across-blocks')).toMatchObject({ status: 'unchanged', target: { quote: '作贡献。全省各级' } });
    expect(get('before')).toMatchObject({ status: 'unchanged', how: 'exact' });
  });

  it('keeps a note when a page break moved in extracted text', () => {
    const paragraph = '全省各级工会要立足实际，扎实推进专项工作，切实把党中央的决策部署落到实处，为全省经济社会发展作出新的更大贡献。';
    const text = (cut: number) =>
      ['2023年第3期', '', '要闻', '', '省总工会召开全委会议\t3', '', '', '', '省总工会召开全委会议', '', '□ 本刊记者', '',
        paragraph.slice(0, cut), '', paragraph.slice(cut), '', '会议由主席主持。', ''].join('\n');
    const source = { name: 'p.txt', bytes: 0, encoding: 'utf-8', format: 'text' as const };
    const old = parseText(text(14), source);
    const neu = parseText(text(40), source);
    const a = old.articles[0]!;
    const notes = [note('highlight', targetOf(a, '扎实\n推进专项工作，切实'), null, 'x'), note('comment', targetOf(a, '会议由主席'), null, 'y')];
    const [x, y] = compareProofs(old, neu, notes).carried;
    expect(x).toMatchObject({ status: 'unchanged', target: { quote: '扎实推进专项工作，切实', blockId: `${neu.articles[0]!.id}.2` } });
    expect(y).toMatchObject({ status: 'unchanged', how: 'moved', target: { quote: '会议由主席', blockId: `${neu.articles[0]!.id}.3` } });
  });

  it('finds notes in a retitled article at the same place', () => {
    const { get, result, old, neu } = run(
      (c) => (c.articles[2]!.blocks[0]!.text = '西宁市总工会春节前夕走访慰问劳动模范'),
      (o) => [note('comment', targetOf(o.articles[2]!, '送去节日问候'), null, 'retitled')],
    );
    expect(result.articles.get(old.articles[2]!.id)).toBe(neu.articles[2]!.id);
    expect(get('retitled')).toMatchObject({ status: 'unchanged', how: 'exact', target: { articleId: neu.articles[2]!.id, quote: '送去节日问候' } });
  });

  it('follows a passage moved to another article', () => {
    const { get, neu } = run(
      (c) => {
        const moved = c.articles[2]!.blocks.pop()!;
        c.articles[1]!.blocks.push(moved);
      },
      (o) => [
        note('comment', targetOf(o.articles[2]!, '帮助解决实际困难'), null, 'moved'),
        suggest(targetOf(o.articles[2]!, '详细了解'), 'replace', '深入了解', 'moved-suggestion'),
      ],
    );
    expect(get('moved')).toMatchObject({ status: 'unchanged', how: 'other-article', target: { articleId: neu.articles[1]!.id, quote: '帮助解决实际困难' } });
    expect(get('moved-suggestion')).toMatchObject({ status: 'not-applied', how: 'other-article', target: { quote: '详细了解' } });
  });

  it('lists a note on a deleted passage as orphaned, with its quote and old context', () => {
    const { get } = run(
      (c) => c.articles[0]!.blocks.splice(3, 1),
      (o) => [note('comment', targetOf(o.articles[0]!, '团结动员全省职工'), null, 'gone'), suggest(targetOf(o.articles[0]!, '认真地'), 'replace', '认真', 'gone-s')],
    );
    expect(get('gone')).toMatchObject({ status: 'orphaned', target: null, how: null, oldTarget: { quote: '团结动员全省职工', prefix: expect.stringContaining('贯彻会议精神，') } });
    expect(get('gone-s')).toMatchObject({ status: 'orphaned', target: null, oldTarget: { quote: '认真地' } });
  });

  it('says a note changed when its text changed, and finds the right one of repeated quotes', () => {
    const { get } = run(
      (c) => {
        replaceIn(c.articles[0]!, '2023年', '2024年');
        replaceIn(c.articles[0]!, '各级工会要立足', '各级工会组织要立足');
      },
      (o) => [
        note('highlight', targetOf(o.articles[0]!, '2023年各项任务'), null, 'changed'),
        note('comment', targetOf(o.articles[0]!, '工会', 5), null, 'third'),
        note('comment', pointAfter(o.articles[0]!, '发挥'), null, 'point'),
      ],
    );
    expect(get('changed')).toMatchObject({ status: 'changed', target: { quote: '2024年各项任务' } });
    const third = get('third');
    expect(third.status).toBe('unchanged');
    expect(third.target!.start).toBe(third.oldTarget.start + 2);
    expect(third.target!.suffix.startsWith('工作中发挥')).toBe(true);
    expect(get('point')).toMatchObject({ status: 'unchanged', target: { quote: '', prefix: expect.stringMatching(/发挥$/) } });
  });

  it('re-finds a note whose offsets drifted, and one whose article is unknown to the old proof', () => {
    const { get } = run(
      () => {},
      (o) => {
        const t = targetOf(o.articles[1]!, '为期三个月');
        return [
          note('comment', { ...t, blockId: `${o.articles[1]!.id}.9`, endBlockId: `${o.articles[1]!.id}.9` }, null, 'drifted'),
          note('comment', { ...t, articleId: 'nowhere', blockId: 'nowhere.2', endBlockId: 'nowhere.2' }, null, 'unknown'),
        ];
      },
    );
    expect(get('drifted')).toMatchObject({ status: 'unchanged', target: { quote: '为期三个月' }, oldTarget: { blockId: expect.stringMatching(/\.3$/) } });
    expect(get('unknown')).toMatchObject({ status: 'unchanged', how: 'other-article', target: { quote: '为期三个月' } });
  });

  it('carries each note the same whichever other notes come with it (clients fill in late notes alone)', () => {
    const old = buildIssue(spec);
    const neu = revise(old, (c) => {
      replaceIn(c.articles[0]!, '认真地', '认真');
      c.articles[2]!.blocks.splice(1, 1);
    });
    const a = old.articles[0]!;
    const notes = [
      suggest(targetOf(a, '认真地'), 'replace', '认真', 'x'),
      note('comment', targetOf(a, '马吉孝'), null, 'y'),
      note('comment', targetOf(old.articles[2]!, '送去节日问候'), null, 'z'),
    ];
    const together = compareProofs(old, neu, notes).carried;
    const alone = notes.map((n) => compareProofs(old, neu, [n]).carried[0]);
    expect(alone).toEqual(together);
    expect(compareProofs(old, neu, notes)).toEqual(compareProofs(old, neu, notes));
  });

  it('returns one result per note, in input order, and never throws on odd input', () => {
    const old = buildIssue(spec);
    const empty = buildIssue({ articles: [] });
    const hollow = revise(old, (c) => (c.articles[0]!.blocks = []));
    const t = targetOf(old.articles[0]!, '马吉孝');
    const odd = [
      note('comment', t, null, 'a'),
      { id: 'b', kind: 'comment', target: null, suggestion: null } as unknown as CarryInput,
      { id: 'c', kind: 'suggestion', target: t, suggestion: { op: 'explode', text: 1 } } as unknown as CarryInput,
      note('comment', { ...t, start: -4, end: 9999 }, null, 'd'),
      suggest(targetAtOffsets(old.articles[0]!, 0, articleText(old.articles[0]!).text.length), 'delete', '', 'e'),
    ];
    for (const [a, b] of [[old, empty], [empty, old], [old, hollow], [hollow, old], [empty, empty]] as const) {
      const carried = compareProofs(a, b, odd).carried;
      expect(carried.map((c) => c.noteId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
    expect(compareProofs(old, hollow, odd).carried[0]!.status).toBe('orphaned');
    expect(compareProofs(old, old, odd).carried.map((c) => c.status)).toEqual(['unchanged', 'orphaned', 'unchanged', 'unchanged', 'not-applied']);
    expect(article(old, '省总工会').blocks).toHaveLength(5);
  });
});
