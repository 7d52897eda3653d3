// The heuristic text parser on the real sample issue and on synthetic variants of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import type { Article, Issue } from '../../src/lib/issue/types.ts';

const sample = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
const source = (name = 'sample-issue.txt') => ({ name, bytes: 0, encoding: 'utf-8', format: 'text' as const });
const parse = (text: string, name?: string): Issue => parseText(text, source(name));

const kinds = (a: Article, kind: string) => a.blocks.filter((b) => b.kind === kind);
const byTitle = (issue: Issue, start: string): Article => {
  const a = issue.articles.find((x) => x.title.startsWith(start) || x.tocTitle?.startsWith(start));
  if (!a) throw new Error(`no article ${start}`);
  return a;
};

describe('the sample issue', () => {
  const issue = parse(sample);

  it('reads the masthead fields', () => {
    const m = issue.masthead;
    expect(m.issueLabel).toBe('2023年第3期');
    expect(issue.title).toBe('2023年第3期');
    expect(m.board).toContainEqual({ role: '主任', names: ['马吉孝'] });
    expect(m.board).toContainEqual({ role: '委员', names: ['汪琦', '吴有祯', '祁维正', '吴建军', '蒲勤'] });
    expect(m.board.map((b) => b.role)).toEqual(['主任', '副主任', '委员', '主编', '副主编', '责任编辑']);
    expect(m.publisher).toBe('青海省总工会');
    expect(m.permit).toBe('青(6300077)');
    expect(m.department).toBe('省总工会研究室');
    expect(m.address).toBe('青海省西宁市城东区昆仑路194号');
    expect(m.email).toBe('qhgy2020@163.com');
    expect(m.phone).toBe('(0971)8239550 8236826');
    expect(m.postcode).toBe('810007');
    expect(m.other).toEqual(['内部资料 免费交流']);
    expect(issue.language).toBe('zh');
  });

  it('finds every section, in order, and no masthead line as a section', () => {
    expect(issue.sections.map((s) => s.title)).toEqual(['学习强会', '新视点', '县级工会加强年', '市州动态', '劳动之光', '产业风采', '基层活动']);
    expect(issue.sections.map((s) => s.entries.length)).toEqual([10, 11, 5, 8, 1, 4, 4]);
  });

  it('keeps the contents entries that the masthead interrupted in their section', () => {
    const county = issue.sections.find((s) => s.title === '县级工会加强年')!;
    expect(county.entries.map((e) => e.page)).toEqual([28, 31, 31, 32, 33]);
  });

  it('reads group headings inside a section', () => {
    const cities = issue.sections.find((s) => s.title === '市州动态')!;
    expect(cities.entries.map((e) => e.group)).toEqual(['西宁市总工会', '海东市总工会', '海西州总工会', '海南州总工会', '海北州总工会', '玉树州总工会', '黄南州总工会', '果洛州总工会']);
    expect(byTitle(issue, '西宁市总工会多措并举').group).toBe('西宁市总工会');
  });

  it('reassembles entries wrapped over two lines and drops rule lines', () => {
    const industry = issue.sections.find((s) => s.title === '产业风采')!;
    expect(industry.entries.map((e) => e.title)).toEqual([
      '省监狱系统工会、监狱局中心医院（省红十字医院）工会党支部开展学雷锋主题党日活动',
      '省总工会驻会产业工会党支部联合开展“3·5”学雷锋志愿服务活动',
      '省自然资源工会“喜迎二十大·建功新时代”摄影书画评选活动正式结束',
      '省康复医院赴桦林乡阿家沟村开展送健康义诊活动',
    ]);
    const all = issue.sections.flatMap((s) => s.entries.map((e) => e.title));
    expect(all.some((t) => /^-+$/.test(t) || t === '活动' || t === '正式结束')).toBe(false);
  });

  it('splits authors off contents entries', () => {
    const first = issue.sections[0]!.entries[0]!;
    expect(first).toMatchObject({ title: '在第十四届全国人民代表大会第一次会议上的讲话', author: '习近平', page: 3 });
  });

  it('links every contents entry to its article and page, in order', () => {
    const entries = issue.sections.flatMap((s) => s.entries);
    expect(entries).toHaveLength(43);
    expect(issue.articles).toHaveLength(43);
    for (const e of entries) {
      const a = issue.articles.find((x) => x.id === e.articleId);
      expect(a, e.title).toBeDefined();
      expect(a!.tocEntryId).toBe(e.id);
      expect(a!.page).toBe(e.page);
      expect(a!.tocTitle).toBe(e.title);
    }
    expect(issue.articles.map((a) => a.tocEntryId)).toEqual(entries.map((e) => e.id));
    const pages = issue.articles.map((a) => a.page ?? 0);
    expect([...pages].sort((x, y) => x - y)).toEqual(pages);
  });

  it('reads kicker, title, subtitle and byline', () => {
    const talk = byTitle(issue, '携手同行现代化之路');
    expect(talk.blocks.slice(0, 3).map((b) => [b.kind, b.text])).toEqual([
      ['title', '携手同行现代化之路'],
      ['subtitle', '——在中国共产党与世界政党高层对话会上的主旨讲话'],
      ['byline', '□ 习近平'],
    ]);
    const school = byTitle(issue, '习近平在中央党校');
    expect(school.blocks[0]!.kind).toBe('kicker');
    expect(school.title).toBe('坚守党校初心 努力为党育才为党献策');
    expect(school.titleMismatch).toBe(false);
    expect(kinds(byTitle(issue, '在第十四届'), 'byline').map((b) => b.text)).toEqual(['□ 习近平']);
  });

  it('says when the contents title differs from the printed one', () => {
    const mismatched = issue.articles.filter((a) => a.titleMismatch);
    expect(mismatched.map((a) => a.title)).toEqual([
      '省总工会党组理论学习中心组 召开扩大学习会议专题学习全国两会精神',
      '西宁市总工会持续推进“县级工会加强年”专项工作',
      '海西州总工会采取六项措施深入推进建设改革',
    ]);
    expect(mismatched[1]!.tocTitle).toBe('西宁市总工会持续推动“县级工会加强年”专项工作');
  });

  it('classifies headings, captions and source lines', () => {
    const notes = byTitle(issue, '新时代新征程上');
    expect(kinds(notes, 'heading').map((b) => b.text)).toEqual(['合力致远，推进产业“四地”建设', '锚定目标，打造生态文明高地', '笃行实干，强化基层治理和民生保障']);
    expect(kinds(notes, 'caption').map((b) => b.text)).toContain('澜沧江网状水系。张皓芃摄');
    expect(kinds(notes, 'caption').map((b) => b.text)).toContain('可可西里藏羚羊群。玉树州委宣传部供图');
    expect(kinds(notes, 'caption')).toHaveLength(6);
    expect(kinds(byTitle(issue, '西宁市总工会持续'), 'heading').map((b) => b.text)).toEqual([
      '一、加强责任领导 推动工作落实',
      '二、提供制度保障 促进专项工作',
      '三、签订“责任书” 立下军令状',
    ]);
    const speech = byTitle(issue, '在第十四届');
    const last = speech.blocks.slice(-2);
    expect(last.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', '谢谢大家！'],
      ['source', '（来源：新华社北京3月13日电）'],
    ]);
    expect(kinds(byTitle(issue, '省总工会举办'), 'source').map((b) => b.text)).toEqual(['(女职委办公室)']);
    // Salutations and short closing lines are paragraphs, not headings.
    expect(kinds(speech, 'heading')).toHaveLength(0);
    const withSource = issue.articles.filter((a) => kinds(a, 'source').length === 1).length;
    expect(withSource).toBeGreaterThanOrEqual(40);
  });

  it('joins paragraphs split by a page or column break and records each join', () => {
    const speech = byTitle(issue, '在第十四届');
    const para = speech.blocks.find((b) => b.text.includes('不可逆转的历史进程。'))!;
    expect(para.joins).toHaveLength(1);
    const at = para.joins![0]!.at;
    expect(para.text.slice(at - 1, at + 1)).toBe('历史');
    expect(speech.blocks.some((b) => b.text === '史进程。')).toBe(false);
    const total = issue.articles.flatMap((a) => a.blocks).reduce((n, b) => n + (b.joins?.length ?? 0), 0);
    expect(total).toBeGreaterThan(60);
    // The piece after a heading is not glued to it.
    const notes = byTitle(issue, '新时代新征程上');
    const heading = notes.blocks.find((b) => b.text === '合力致远，推进产业“四地”建设')!;
    expect(heading.joins).toBeUndefined();
  });

  it('does not glue the group heading printed above an article onto either article', () => {
    const texts = issue.articles.flatMap((a) => a.blocks.map((b) => b.text));
    expect(texts).not.toContain('海西州总工会');
    expect(byTitle(issue, '海西州总工会采取').blocks[0]!.kind).toBe('title');
  });

  it('gives the same ids on every parse, unique within the issue', () => {
    const again = parse(sample);
    expect(again.id).toBe(issue.id);
    expect(again.articles.map((a) => a.id)).toEqual(issue.articles.map((a) => a.id));
    expect(again.articles.flatMap((a) => a.blocks.map((b) => b.id))).toEqual(issue.articles.flatMap((a) => a.blocks.map((b) => b.id)));
    const ids = issue.articles.flatMap((a) => [a.id, ...a.blocks.map((b) => b.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parse(`${sample}\n补充。`).id).not.toBe(issue.id);
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    parseText(sample, source(), (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('an issue with no contents page', () => {
  const lines = sample.split('\n');
  const body = lines.slice(lines.indexOf('在第十四届全国人民代表大会第一次会议上的讲话')).join('\n');
  const issue = parse(`2023年第3期\n\n${body}`);

  it('finds articles by layout', () => {
    expect(issue.sections).toHaveLength(0);
    expect(issue.masthead.issueLabel).toBe('2023年第3期');
    expect(issue.articles.length).toBeGreaterThanOrEqual(38);
    const titles = issue.articles.map((a) => a.title);
    expect(titles).toContain('携手同行现代化之路');
    expect(titles).toContain('田得梅：天车上的90后“空姐”');
    expect(titles).toContain('达日县人民政府与达日县总工会召开联席会议');
    expect(titles.some((t) => /^[一二三]、/.test(t))).toBe(false);
  });

  it('still reads bylines, subtitles, kickers and sources', () => {
    const talk = byTitle(issue, '携手同行');
    expect(talk.blocks.slice(0, 3).map((b) => b.kind)).toEqual(['title', 'subtitle', 'byline']);
    expect(byTitle(issue, '坚守党校初心').blocks[0]!.kind).toBe('kicker');
    expect(kinds(talk, 'source')).toHaveLength(1);
  });
});

const english = `No. 4, Spring 2024

Editor-in-chief\tJane Doe
Editors\tAli Khan, Mei Lin

Contents

Features
The River Returns / Sam Ortiz\t3
Notes from the Shop Floor\t7
News
A Union at Ninety\t9

Publisher
Harbor Workers' Association

The River Returns

By Sam Ortiz

For thirty years the river ran grey past the mill. This spring, for the first time in living memory, the
water ran clear enough to see the stones, and the town came down to the bank to look.

What changed was not the river but the rules. The mill's new owners signed an agreement with the local
in 2019 that tied bonuses to clean dis-

charges, and the crews took it from there.

Photo: The river at dawn, March 2024.

Cleaner water, fuller nets

Fishermen report the first trout runs since 1990. "We had given up," said one.

(Source: Harbor Gazette)



Notes from the Shop Floor

A week on the night shift at the bottling plant, where the machines never stop.

Small things matter

Nobody notices the line until it stops. Then everyone does.



A Union at Ninety

The association turned ninety this month with a picnic for members and their families.
`;

describe('an English-language issue', () => {
  const issue = parse(english, 'spring.txt');

  it('reads the masthead and contents', () => {
    expect(issue.language).toBe('en');
    expect(issue.masthead.issueLabel).toBe('No. 4, Spring 2024');
    expect(issue.masthead.board).toEqual([
      { role: 'Editor-in-chief', names: ['Jane Doe'] },
      { role: 'Editors', names: ['Ali Khan', 'Mei Lin'] },
    ]);
    expect(issue.masthead.publisher).toBe("Harbor Workers' Association");
    expect(issue.sections.map((s) => s.title)).toEqual(['Features', 'News']);
    expect(issue.sections[0]!.entries[0]).toMatchObject({ title: 'The River Returns', author: 'Sam Ortiz', page: 3 });
  });

  it('links articles and classifies their blocks', () => {
    expect(issue.articles.map((a) => [a.title, a.page])).toEqual([
      ['The River Returns', 3],
      ['Notes from the Shop Floor', 7],
      ['A Union at Ninety', 9],
    ]);
    const river = issue.articles[0]!;
    expect(river.blocks.map((b) => b.kind)).toEqual(['title', 'byline', 'paragraph', 'paragraph', 'caption', 'heading', 'paragraph', 'source']);
    expect(kinds(issue.articles[1]!, 'heading').map((b) => b.text)).toEqual(['Small things matter']);
  });

  it('joins a line broken mid-sentence with a space and a hyphenated word without the hyphen', () => {
    const river = issue.articles[0]!;
    const first = river.blocks[2]!;
    expect(first.text).toContain('the\nwater'.replace('\n', ' '));
    expect(first.joins).toEqual([{ at: first.text.indexOf('water ran clear'), kind: 'sentence' }]);
    const second = river.blocks[3]!;
    expect(second.text).toContain('clean discharges, and the crews');
    expect(second.joins?.map((j) => j.kind)).toEqual(['sentence', 'word']);
  });
});

describe('headings without numbering', () => {
  const text = `一期专题\n\n春耕时节\n\n春天来了，田野里一片繁忙景象。农民们忙着翻地、播种。\n\n科技助农\n\n无人机在田间飞过，喷洒农药只需要几分钟。\n\n记者手记\n\n走访中我们看到，新技术正在改变乡村。\n`;
  const issue = parse(text);

  it('treats short unpunctuated lines inside an article as headings', () => {
    expect(issue.articles).toHaveLength(1);
    const a = issue.articles[0]!;
    expect(a.title).toBe('春耕时节');
    expect(kinds(a, 'heading').map((b) => b.text)).toEqual(['科技助农', '记者手记']);
    expect(kinds(a, 'paragraph')).toHaveLength(3);
  });
});
