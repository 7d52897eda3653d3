// The punctuation checks (GB/T 15834-2011) on small issues written for the test: paired marks,
// half-width marks in Chinese text, and forms and combinations of marks.
import { describe, expect, it } from 'vitest';
import { pairedMarks } from '../../src/lib/checks/paired-marks.ts';
import { halfWidth } from '../../src/lib/checks/half-width.ts';
import { punctuation } from '../../src/lib/checks/punctuation.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

describe('paired-marks', () => {
  it('flags unclosed and unopened marks, crossing pairs and quotes nested in their own kind', () => {
    const r = checkOn(
      `=== 标题
他说：⟦“⟧{paired-marks}我们要把职工的冷暖放在心上。
各级工会要对照⟦”五强“⟧{paired-marks}目标查找差距。
会议学习了《关于⟦《中国工会章程》⟧{paired-marks}修改情况的说明》。
老师傅说：“大家常说⟦“干字当头”⟧{paired-marks}，我们更要实干。”
具体要求（详见⟦“附件）”⟧{paired-marks}。
He said, ⟦“⟧{paired-marks}Everyone is welcome.
`,
      pairedMarks,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    const nested = r.findings.find((f) => f.quote === '“干字当头”')!;
    expect(nested.suggestion).toEqual({ op: 'replace', text: '‘干字当头’' });
    expect(nested.reference).toBe('GB/T 15834-2011 4.8');
    expect(r.findings.find((f) => f.quote === '《中国工会章程》')!.suggestion!.text).toBe('〈中国工会章程〉');
  });

  it('leaves a quotation over several paragraphs, nested single quotes, apostrophes and list numbers', () => {
    const r = checkOn(
      `=== 标题
“亲爱的工友们：
“转眼我已退休十年。
“希望大家把好传统传下去。”
他说：“我们常讲‘干一行、爱一行’。”大家写进了《车间志〈人物篇〉》。
今年重点有三项：1）加强培训；2）完善机制；3）建好职工之家。
The students’ union thanked them. “We don’t take it for granted,” she said. Rules: a) be on time; b) be quiet.
`,
      pairedMarks,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});

describe('half-width', () => {
  it('flags half-width marks next to Han text, with the full-width mark as the fix', () => {
    const r = checkOn(
      `=== 标题
代表们畅所欲言⟦,⟧{half-width}提出了建议。会议强调⟦:⟧{half-width}要重视职工呼声。座谈会很成功⟦.⟧{half-width}
是否可行⟦?⟧{half-width}太好了⟦!⟧{half-width}一是加强领导⟦;⟧{half-width}二是抓好落实。
已建成行业⟦(产业)⟧{half-width}联合工会十二家。开展⟦"送温暖"⟧{half-width}活动。
`,
      halfWidth,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.map((f) => f.suggestion?.text)).toEqual(['，', '：', '。', '？', '！', '；', '（产业）', '“送温暖”']);
    expect(r.findings[0]!.reference).toBe('GB/T 15834-2011 第5章');
  });

  it('makes one finding, with the count, for a mistake an article repeats', () => {
    const r = checkOn('=== 标题\n其中社区⟦(村)⟧{half-width}工会八家，乡镇(街道)工会七家，县(区)属企业工会十家。\n', halfWidth);
    expect(r.missed).toEqual([]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message.zh).toContain('本文共3处');
  });

  it('leaves numbers, Latin text, list numbers, addresses and a phone area code', () => {
    const r = checkOn(
      `=== 标题
共设3.5万元奖金，1,000余名职工报名，决赛上午10:30开始。项目有CNC车工和Office应用，选手说：Practice makes perfect.
邮箱：jingsai@example.com，网址：http://www.example.com/news/2023.html。要求如下：1.遵守纪律；2.按时完成。一.加强领导。
咨询电话：(0971)8239550。比赛结束后……大家久久不愿离去。
`,
      halfWidth,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});

describe('punctuation', () => {
  it('flags doubled stops, a stop after an ellipsis, other ellipsis and dash forms', () => {
    const r = checkOn(
      `=== 标题
会议指出⟦，，⟧{punctuation}今年很重要。要抓好落实⟦，。⟧{punctuation}要加强培训⟦、，⟧{punctuation}完善机制。
医生送医送药⟦……。⟧{punctuation}有的下棋⟦...⟧{punctuation}大家说⟦。。。⟧{punctuation}会场安静⟦…⟧{punctuation}机器轰鸣⟦···⟧{punctuation}
劳动最光荣⟦--⟧{punctuation}这是信念。技能强国⟦———⟧{punctuation}学习平台上线。他说⟦──⟧{punctuation}“完成任务。”
`,
      punctuation,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.find((f) => f.quote === '……。')!.suggestion).toEqual({ op: 'replace', text: '……' });
    expect(r.findings.find((f) => f.quote === '--')!.suggestion).toEqual({ op: 'replace', text: '——' });
  });

  it('flags list numbers with the wrong mark and a 顿号 between quoted items', () => {
    const r = checkOn(
      `=== 标题
一⟦.⟧{punctuation}加强组织领导。
1⟦、⟧{punctuation}提高思想认识。
（一）⟦、⟧{punctuation}明确工作目标。
第一⟦、⟧{punctuation}要加强学习。
在“两节”⟦、⟧{punctuation}“五一”等节点走访。学习《工会法》⟦、⟧{punctuation}《劳动法》。
We ordered books⟦,,⟧{punctuation} magazines and maps. It was printed twice⟦..⟧{punctuation} The volunteers⟦ ,⟧{punctuation} who work on Saturdays, asked for tea.
`,
      punctuation,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.find((f) => f.reference === 'GB/T 15834-2011 4.5.3.5')!.suggestion).toEqual({ op: 'delete', text: '' });
  });

  it('leaves ？！, ！！！, the twelve-dot ellipsis, a single dash between places and right list marks', () => {
    const r = checkOn(
      `=== 标题
这就是他们的回答？！真是了不起！！！
…………
青海—华东特高压工程投运。技能强国——学习平台上线。
一、加强组织领导。（一）明确目标。1.提高认识。第一，要加强学习。
在“两节”“五一”等节点走访。学习《工会法》（2021年修正）、《劳动法》。
Wait for it... the U.S. edition, e.g. the blue one, arrives in May.
`,
      punctuation,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});
