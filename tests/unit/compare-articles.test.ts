// Matching the articles of two proofs one to one: by id, by a similar title, by similar text;
// never an article to an unrelated one whose title merely starts the same way.
import { describe, expect, it } from 'vitest';
import { matchArticles } from '../../src/lib/compare/match-articles.ts';
import { slideHunks } from '../../src/lib/compare/slide.ts';
import { Interner, tokenize } from '../../src/lib/compare/tokens.ts';
import { diffIds } from '../../src/lib/compare/myers.ts';
import { buildIssue, revise, type IssueSpec } from './fixtures/compare/build.ts';

const spec: IssueSpec = {
  articles: [
    { title: '省总工会举办巾帼劳模进校园宣讲活动', blocks: ['3月8日，省总工会在西宁市第一中学举办巾帼劳模进校园宣讲活动，五位女劳模讲述了自己的奋斗故事。', '同学们纷纷表示要以劳模为榜样。'] },
    { title: '省总工会积极营造关爱劳模的浓厚氛围', blocks: ['今年以来，省总工会多措并举关心关爱劳动模范，走访慰问困难劳模一百余人次。', '各级工会建立劳模服务台账。'] },
    { title: '海西州总工会采取六项措施推进改革', blocks: ['海西州总工会紧盯产业工人队伍建设改革目标任务，采取六项措施推动改革走深走实。'] },
    { title: '班玛县总工会推进县级工会加强年工作', blocks: ['班玛县总工会以党建带工建，推进县级工会加强年专项工作，取得了明显成效。'] },
  ],
};

describe('matchArticles', () => {
  const old = buildIssue(spec);

  it('matches articles with unchanged titles by id', () => {
    const m = matchArticles(old.articles, revise(old, () => {}).articles);
    expect([...m]).toEqual(old.articles.map((a) => [a.id, a.id]));
  });

  it('matches a slightly retitled article by its title, and a wholly retitled one by its text', () => {
    const neu = revise(old, (c) => {
      c.articles[0]!.blocks[0]!.text = '省总工会举办“巾帼劳模进校园”宣讲活动';
      c.articles[2]!.blocks[0]!.text = '六项措施推动产改走深走实';
    });
    const m = matchArticles(old.articles, neu.articles);
    expect(m.get(old.articles[0]!.id)).toBe(neu.articles[0]!.id);
    expect(m.get(old.articles[2]!.id)).toBe(neu.articles[2]!.id);
    expect(m.size).toBe(4);
  });

  it('leaves removed and added articles unmatched, even with a similar title', () => {
    const neu = revise(old, (c) => {
      c.articles.splice(1, 1);
      c.articles.push({
        ...structuredClone(c.articles[0]!),
        blocks: [
          { id: '', kind: 'title', text: '省总工会积极营造劳动光荣的社会风尚' },
          { id: '', kind: 'paragraph', text: '五一前夕，全省各级工会组织开展形式多样的劳动主题宣传，营造劳动光荣的浓厚氛围。' },
        ],
      });
    });
    const m = matchArticles(old.articles, neu.articles);
    expect(m.has(old.articles[1]!.id)).toBe(false);
    expect([...m.values()]).not.toContain(neu.articles[3]!.id);
    expect(m.size).toBe(3);
  });

  it('matches one to one when two new articles resemble one old one', () => {
    const neu = revise(old, (c) => {
      const copy = structuredClone(c.articles[3]!);
      c.articles[3]!.blocks[0]!.text = '班玛县总工会推进县级工会加强年';
      copy.blocks[0]!.text = '班玛县总工会推进县级工会加强年专项工作';
      c.articles.push(copy);
    });
    const m = matchArticles(old.articles, neu.articles);
    expect(m.size).toBe(4);
    expect(new Set(m.values()).size).toBe(4);
  });

  it('copes with no articles on either side', () => {
    expect(matchArticles([], old.articles).size).toBe(0);
    expect(matchArticles(old.articles, []).size).toBe(0);
  });
});

describe('slideHunks', () => {
  it('moves a deleted paragraph that ends like the one before it to its own start', () => {
    const interner = new Interner();
    const a = '第一段。\n第二段。\n第三段';
    const b = '第一段。\n第三段';
    const ta = tokenize(a, interner);
    const tb = tokenize(b, interner);
    const raw = diffIds(ta.ids, tb.ids);
    expect(a.slice(ta.starts[raw[0]!.o0], ta.ends[raw[0]!.o1 - 1])).toBe('二段。\n第');
    const [h] = slideHunks(raw, ta, a, tb, b);
    expect(a.slice(ta.starts[h!.o0], ta.ends[h!.o1 - 1])).toBe('第二段。');
  });
});
