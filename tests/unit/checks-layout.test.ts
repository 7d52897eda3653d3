// The layout checks on small issues written for the test: contents vs printed title, passages
// printed twice, and stitches whose two sides do not belong together.
import { describe, expect, it } from 'vitest';
import { contentsTitle } from '../../src/lib/checks/contents-title.ts';
import { duplicate } from '../../src/lib/checks/duplicate.ts';
import { stitch } from '../../src/lib/checks/stitch.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

describe('contents-title', () => {
  it('flags a printed title the contents give differently, quoting both', () => {
    const r = checkOn(
      `=== ⟦西宁市总工会持续推进专项工作⟧{contents-title}
@toc 西宁市总工会持续推动专项工作
正文。
=== ⟦Annual Report of the Unions⟧{contents-title}
@toc Annual Report of the Union
Text.
`,
      contentsTitle,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings[0]!.message.zh).toBe('目录作“西宁市总工会持续推动专项工作”，正文标题作“西宁市总工会持续推进专项工作”，两处不一致');
    expect(r.findings[0]!.category).toBe('layout');
  });

  it('leaves spacing, a kicker and a subtitle printed apart from the title', () => {
    const r = checkOn(
      `=== 聚焦“五强”目标助推县级工会建设
@toc 聚焦“五强”目标 助推县级工会建设
正文。
=== 携手同行现代化之路
@toc 携手同行现代化之路——主旨讲话
@subtitle ——主旨讲话
正文。
=== 团结动员亿万职工建功立业
@toc 王东明在会上指出 团结动员亿万职工建功立业
@kicker 王东明在会上指出
正文。
`,
      contentsTitle,
    );
    expect(r.findings).toEqual([]);
  });
});

describe('duplicate', () => {
  it('flags a paragraph printed twice in an article, and the copy a page break set twice', () => {
    const r = checkOn(
      `=== 标题
座谈会上，劳模们结合自身经历，畅谈了对新时代劳模精神的理解和体会，纷纷表示要立足岗位、再创佳绩。
区总工会负责人表示，将进一步完善劳模服务管理制度。
⟦座谈会上，劳模们结合自身经历，畅谈了对新时代劳模精神的理解和体会，纷纷表示要立足岗位、再创佳绩。⟧{duplicate}
各基层工会要把技能培训作为服务职工的重要内容，为职工办实事、解难题，切实维护职工合法权益。
⟦为职工办实事、解难题，切实维护职工合法权益。⟧{duplicate}县总工会还将组织技能大赛。
`,
      duplicate,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings[0]!.category).toBe('layout');
  });

  it('flags a whole paragraph printed in two articles, and an English sentence set twice', () => {
    const r = checkOn(
      `=== 甲
行动将围绕县域主导产业，开设电工、焊工、家政服务等十余个培训项目，工会给予每人五百元补贴。
=== 乙
⟦行动将围绕县域主导产业，开设电工、焊工、家政服务等十余个培训项目，工会给予每人五百元补贴。⟧{duplicate}
=== Reading rooms
The union opened three new reading rooms this spring, each with a quiet corner for study and a shelf of manuals.
The rooms are open every day except Monday.
⟦The union opened three new reading rooms this spring, each with a quiet corner for study and a shelf of manuals.⟧{duplicate}
`,
      duplicate,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
  });

  it('leaves formulas printed three times, quoted slogans, document titles and parallel phrasing', () => {
    const r = checkOn(
      `=== 坚持以习近平新时代中国特色社会主义思想为指导
市总工会坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。
各级工会要坚持以习近平新时代中国特色社会主义思想为指导，团结动员广大职工建功立业。
今年以来，市总工会聚焦打造生态文明高地、加快建设产业“四地”，组织开展劳动竞赛。
一是全国劳模中有3人在生活中还存在不同程度的困难，二是省级劳模中有6人在生活中还存在不同程度的困难。
各级工会开展“共商共创、和谐同行”集体协商行动，把“共商共创、和谐同行”的理念落到实处。
会议审议了《关于加强新时代县级工会建设的实施意见》，会后将《关于加强新时代县级工会建设的实施意见》印发基层。
下一步，市总工会将组织全市职工为打造生态文明高地、加快建设产业“四地”建功立业。
@caption 全市职工技能大赛决赛现场。市总工会供图
@caption 全市职工技能大赛决赛现场。市总工会供图
`,
      duplicate,
    );
    expect(r.findings).toEqual([]);
  });
});

describe('stitch', () => {
  it('flags a stitch whose left or right side is printed once more in the article, going on differently', () => {
    const r = checkOn(
      `=== 标题
市总工会邀请心理咨询师走进企业，⟦为一线职工讲解情绪管理的方法和技巧，现场还¦设置了⟧{stitch}互动问答环节。
讲座结束后，心理咨询师为一线职工讲解情绪管理的方法和技巧，现场还为职工提供了咨询服务。
区总工会组织干部走上街头，⟦为环卫工人送去¦为城区户⟧{stitch}外劳动者服务站配备了冰箱和微波炉。
随后，慰问组为城区户外劳动者服务站配备了冰箱和微波炉，又送去绿豆和茶叶。
`,
      stitch,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings[0]!.message.zh).toContain('在本文别处接');
  });

  it('flags a paragraph that opens with a fragment repeating the end of the one before', () => {
    const r = checkOn('=== 标题\n要通过建组织、建阵地，搭起联系群众的桥梁纽带。\n⟦带，⟧{stitch}将工作重心放在基层一线。\n', stitch);
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
  });

  it('leaves sound stitches: unique text, a formula printed elsewhere the same way, a word printed elsewhere', () => {
    const r = checkOn(
      `=== 标题
市总工会坚持以习近平新时代中国特色¦社会主义思想为指导，持续深化改革。
今年以来，全市新建劳模创新工作室¦十二家，培训产业工人一万余人次。
工会为每个车间购买了多功能收¦音机，每天午休时播放新闻。车间里的多功能收音机很受欢迎。
各级工会要坚持以习近平新时代中国特色社会主义思想为指导。
好的做法要坚持下去。
好，这项工作就这样定下来。
`,
      stitch,
    );
    expect(r.findings).toEqual([]);
  });
});
