// The contents column's view model: printed contents joined to articles, unlisted articles kept,
// and the filter narrowing by title, author, page, group or section.
import { describe, expect, it } from 'vitest';
import { buildContents, filterContents } from '../../src/lib/state/contents';
import type { Article, Issue } from '../../src/lib/issue/types';

function article(id: string, title: string, extra: Partial<Article> = {}): Article {
  return { id, title, sectionId: null, tocEntryId: null, titleMismatch: false, blocks: [{ id: `${id}.0`, kind: 'title', text: title }], ...extra };
}

const issue: Issue = {
  format: 'proofroom-issue',
  version: 1,
  id: 'i1',
  title: 'Test',
  language: 'zh',
  masthead: { board: [], other: [] },
  sections: [
    {
      id: 's1',
      title: '学习强会',
      entries: [
        { id: 't1', title: '讲话', author: '习近平', page: 3, articleId: 'a1' },
        { id: 't2', title: '目录里的长标题', page: 5, articleId: 'a2' },
        { id: 't3', title: '没有正文的条目', page: 6, articleId: null },
      ],
    },
    {
      id: 's2',
      title: '市州动态',
      entries: [
        { id: 't4', title: '劳模工作', page: 34, group: '西宁市总工会', articleId: 'a3' },
        { id: 't5', title: '要约行动', page: 35, group: '海东市总工会', articleId: 'a4' },
      ],
    },
  ],
  articles: [
    article('a1', '讲话', { page: 3 }),
    article('a2', '短标题', { page: 5, titleMismatch: true, tocTitle: '目录里的长标题' }),
    article('a3', '劳模工作'),
    article('a4', '要约行动'),
    article('a5', '目录之外'),
  ],
  source: { name: 't.txt', bytes: 1, encoding: 'utf-8', format: 'text' },
};

describe('buildContents', () => {
  const contents = buildContents(issue);

  it('keeps the printed sections and group headings in order, then the unlisted articles', () => {
    expect(contents.map((s) => s.title)).toEqual(['学习强会', '市州动态', null]);
    expect(contents[1]!.groups.map((g) => g.heading)).toEqual(['西宁市总工会', '海东市总工会']);
    expect(contents[2]!.groups[0]!.items.map((i) => i.articleId)).toEqual(['a5']);
  });

  it('shows the printed title, and the contents title only when it differs', () => {
    const items = contents[0]!.groups[0]!.items;
    expect(items[0]).toEqual({ key: 't1', articleId: 'a1', title: '讲话', author: '习近平', page: 3 });
    expect(items[1]).toMatchObject({ title: '短标题', tocTitle: '目录里的长标题' });
    expect(items[2]).toMatchObject({ articleId: null, title: '没有正文的条目', page: 6 });
  });
});

describe('filterContents', () => {
  const contents = buildContents(issue);
  const titles = (filter: string) =>
    filterContents(contents, filter).flatMap((s) => s.groups.flatMap((g) => g.items.map((i) => i.title)));

  it('returns everything for an empty or blank filter', () => {
    expect(filterContents(contents, '  ')).toBe(contents);
  });
  it('matches titles, contents titles, authors and pages, ignoring spaces', () => {
    expect(titles('劳模 工作')).toEqual(['劳模工作']);
    expect(titles('长标题')).toEqual(['短标题']);
    expect(titles('习近平')).toEqual(['讲话']);
    expect(titles('35')).toEqual(['要约行动']);
  });
  it('keeps a whole group or section whose heading matches', () => {
    expect(titles('海东市')).toEqual(['要约行动']);
    expect(titles('学习强会')).toEqual(['讲话', '短标题', '没有正文的条目']);
  });
  it('drops sections with nothing left', () => {
    expect(filterContents(contents, '不存在')).toEqual([]);
  });
});
