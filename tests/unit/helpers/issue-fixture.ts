// A small hand-built Issue with every block kind, a kicker, a subtitle, a contents group, an unlisted
// article, a contents entry without its article and a title mismatch: the shapes the formats must carry.
import type { Issue } from '../../../src/lib/issue/types.ts';

export function handBuiltIssue(): Issue {
  return {
    format: 'proofroom-issue',
    version: 1,
    id: 'ifixture',
    title: '工会工作 2023年第3期',
    language: 'zh',
    masthead: {
      issueLabel: '2023年第3期',
      board: [
        { role: '主任', names: ['马吉孝'] },
        { role: '委员', names: ['汪琦', '吴有祯'] },
      ],
      publisher: '青海省总工会',
      permit: '青(6300077)',
      email: 'qhgy2020@163.com',
      postcode: '810007',
      other: ['内部资料 免费交流'],
    },
    sections: [
      {
        id: 's1',
        title: '学习强会',
        entries: [
          { id: 'e1', title: '在高层对话会上 携手同行现代化之路——主旨讲话', author: '习近平', page: 5, articleId: 'a1' },
          { id: 'e2', title: '一篇没有正文的文章', page: 6, articleId: null },
        ],
      },
      {
        id: 's2',
        title: '市州动态',
        entries: [{ id: 'e3', title: '西宁市总工会持续推动专项工作', page: 31, group: '西宁市总工会', articleId: 'a2' }],
      },
    ],
    articles: [
      {
        id: 'a1',
        title: '携手同行现代化之路',
        sectionId: 's1',
        tocEntryId: 'e1',
        tocTitle: '在高层对话会上 携手同行现代化之路——主旨讲话',
        page: 5,
        titleMismatch: false,
        blocks: [
          { id: 'a1.0', kind: 'kicker', text: '在高层对话会上' },
          { id: 'a1.1', kind: 'title', text: '携手同行现代化之路' },
          { id: 'a1.2', kind: 'subtitle', text: '——主旨讲话' },
          { id: 'a1.3', kind: 'byline', text: '□ 习近平' },
          { id: 'a1.4', kind: 'paragraph', text: '尊敬的各位政党领导人，女士们，先生们，朋友们：', joins: [{ at: 6, kind: 'sentence' }] },
          { id: 'a1.5', kind: 'heading', text: '一、坚守人民至上理念' },
          { id: 'a1.6', kind: 'paragraph', text: '#1 开头是井号的段落，@也要转义。' },
          { id: 'a1.7', kind: 'caption', text: '会议现场 王敬斋 摄' },
          { id: 'a1.8', kind: 'source', text: '（来源：新华社北京3月15日电）' },
        ],
      },
      {
        id: 'a2',
        title: '西宁市总工会持续推进专项工作',
        sectionId: 's2',
        group: '西宁市总工会',
        tocEntryId: 'e3',
        tocTitle: '西宁市总工会持续推动专项工作',
        page: 31,
        titleMismatch: true,
        blocks: [
          { id: 'a2.0', kind: 'title', text: '西宁市总工会持续推进专项工作' },
          { id: 'a2.1', kind: 'paragraph', text: '@工会 is not a directive, and neither is \\this.' },
        ],
      },
      {
        id: 'a3',
        title: '编后记',
        sectionId: 's2',
        tocEntryId: null,
        titleMismatch: false,
        blocks: [
          { id: 'a3.0', kind: 'title', text: '编后记' },
          { id: 'a3.1', kind: 'paragraph', text: 'Mixed text with English words.' },
        ],
      },
    ],
    source: { name: 'fixture.txt', bytes: 1234, encoding: 'utf-8', format: 'text' },
  };
}
