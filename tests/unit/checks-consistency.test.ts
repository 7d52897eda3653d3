// The consistency checks on small issues written for the test: a term the issue prints often,
// printed once with a character dropped, added or changed; and names from the masthead or a byline
// printed differently in the text.
import { describe, expect, it } from 'vitest';
import { termVariant } from '../../src/lib/checks/term-variant.ts';
import { nameVariant } from '../../src/lib/checks/name-variant.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

const ISSUE = `=== 江宁市总工会召开全委会议
江宁市总工会召开全委会议。会议指出，江宁市总工会推动“职工服务中心”建设，深化产业工人队伍建设改革。
会议强调，要推动高质量发展，把产业工人队伍建设改革作为重点任务，推进“劳模创新工作室”创建。
=== 江宁市总工会深化改革
江宁市总工会深化产业工人队伍建设改革，推动高质量发展。全市已建成“职工服务中心”十二个、“劳模创新工作室”二十家。
江宁市总工会将推动产业工人队伍建设改革向纵深发展，以改革推动高质量发展。各县区工会要推进产业工人队伍建设改革。
=== 江宁市总工会推动服务提质
江宁市总工会把“职工服务中心”建设作为服务职工的平台，推动高质量发展，已有八家“劳模创新工作室”被命名为示范点。
`;

describe('term-variant', () => {
  it('flags a dropped character, two dropped, a changed and an added one, with the term as the fix', () => {
    const r = checkOn(
      `${ISSUE}
=== 变体
⟦江宁市总会⟧{term-variant}在会上作了部署。在“⟦职工服务心⟧{term-variant}”配备专职人员。
各县区工会要扎实推进⟦产业工人建设改革⟧{term-variant}，全面提升职工素质。
在“⟦劳模创新工做室⟧{term-variant}”里，劳模带着徒弟攻关。“⟦江宁市总工汇会⟧{term-variant}”的名称被写错。
为推动⟦高质量展⟧{term-variant}，总工会与企业签订协议。
`,
      termVariant,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    const fix = Object.fromEntries(r.findings.map((f) => [f.quote, f.suggestion?.text]));
    expect(fix).toMatchObject({ 江宁市总会: '江宁市总工会', 职工服务心: '职工服务中心', 产业工人建设改革: '产业工人队伍建设改革', 劳模创新工做室: '劳模创新工作室', 江宁市总工汇会: '江宁市总工会', 推动高质量展: '推动高质量发展' });
    expect(r.findings.find((f) => f.quote === '推动高质量展')!.message.zh).toMatch(/^“推动高质量展”：本期别处\d+次作“推动高质量发展”，少了“发”$/u);
  });

  it('leaves numerals, two real words, words of their own and words that overlap a term', () => {
    const r = checkOn(
      `${ISSUE}
=== 干扰
会议传达了全总十七届七次执委会议精神，召开了十七届八次全委会议。
大力弘扬劳模精神、劳动精神、工匠精神，劳动精神和劳模精神深入人心。
向困难劳模发放慰问金和专项资金，发放慰问资金六万元。增强创新能力，激发创新力。
胸怀全国大局，发挥人民团体作用。企业法人代表和全国人大代表参加座谈。
`,
      termVariant,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});

describe('name-variant', () => {
  const MASTHEAD = '@board 主编 李明远 张卫东\n@board 副主编 王晓燕 周建华\n@board 英文编辑 Jane Doe\n';

  it('flags a masthead or byline name with one character (or letter) changed, in an article naming it right', () => {
    const r = checkOn(
      `${MASTHEAD}=== 选题会
主编李明远主持会议，副主编王晓燕介绍计划。主编⟦李明园⟧{name-variant}指出要写深写透。⟦王小燕⟧{name-variant}表示将开设专栏。
=== 故事
@byline □ 陈思远
采访结束时，⟦陈思源⟧{name-variant}问她有什么心愿。
=== Notes
Jane Doe met the volunteers. ⟦Jane Dow⟧{name-variant} thanked them.
`,
      nameVariant,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings[0]!.suggestion).toEqual({ op: 'replace', text: '李明远' });
    expect(r.findings[0]!.message.zh).toBe('“李明园”与编委会名单中的“李明远”不一致');
    expect(r.findings[0]!.category).toBe('fact');
  });

  it('leaves another person: a name never printed in the article, one printed often, a changed surname', () => {
    const r = checkOn(
      `${MASTHEAD}=== 站长
水电站站长周建国介绍了情况。李明亮是老技师，李明亮带出的徒弟很多，大家叫李明亮“李师傅”。李明远说值得一写。
八一前夕，大家观看了庆祝建军节文艺演出。张卫东主持。
`,
      nameVariant,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});
