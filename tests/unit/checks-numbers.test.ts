// The number and date checks (GB/T 15835-2011) on small issues written for the test: dates that
// cannot be, and numbers written two ways in one article.
import { describe, expect, it } from 'vitest';
import { dates } from '../../src/lib/checks/dates.ts';
import { numberForms } from '../../src/lib/checks/number-forms.ts';
import { parseHanNumber } from '../../src/lib/checks/han-number.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

describe('dates', () => {
  it('flags days past the month, 29 February outside a leap year, month 13 and a wrong weekday', () => {
    const r = checkOn(
      `=== 标题
决赛定于⟦2月30日⟧{dates}举行，结果于⟦4月31日⟧{dates}前公布，《办法》自⟦2023年2月29日⟧{dates}起施行。
活动于⟦二月三十日⟧{dates}结束。培训在⟦2022年13月⟧{dates}启动。全委会议于⟦2023年3月1日（星期二）⟧{dates}召开。报名⟦2023-02-30⟧{dates}截止。
The council meets on ⟦February 30⟧{dates} and again on ⟦31 April 2021⟧{dates}.
`,
      dates,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings[0]!.message).toEqual({ zh: '“2月30日”：日期有误，2月只有29天', en: '“2月30日”: no such date, month 2 has 29 days' });
    expect(r.findings.find((f) => f.quote.includes('星期二'))!.message.zh).toContain('这一天是星期三');
    expect(r.findings[0]!.category).toBe('fact');
  });

  it('leaves leap days, month ends, ranges, 13个月 and a right weekday', () => {
    const r = checkOn(
      `=== 标题
活动于2024年2月29日启动，2000年2月29日也是闰日，2月29日当天出发。3月30日至31日参观。持续了13个月。
2023年3月1日（星期三）召开总结会议。12月31日前报送总结，11月30日前报送报表。February 29, 2024 was a Thursday; the rooms close on May 31.
`,
      dates,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});

describe('number-forms', () => {
  it('flags the less used form of dates, years, numbered items, percentages, separators and ranges', () => {
    const r = checkOn(
      `=== 甲
3月7日开幕，3月9日闭幕。⟦三月八日⟧{number-forms}进入决赛。
=== 乙
2023年宣讲一百余场，2023年下半年走进高校。⟦二〇二二年⟧{number-forms}宣讲八十余场。
=== 丙
1号机组三月投产，2号机组四月投产。随后，⟦三号⟧{number-forms}机组调试。
=== 丁
30%的职工满意，45%的职工表示认可，⟦百分之二十⟧{number-forms}的职工提出建议。
=== 戊
发放12,345元的一户，发放23,456元的两户，发放⟦34567⟧{number-forms}元的三户。
=== 己
每期培训3～5人，每人6～8天，共开设10⟦-⟧{number-forms}12个班。
=== 庚
3月5日召开座谈会，3月6日再次召开。（来源：《工人日报》2023年⟦03月07日⟧{number-forms}）
`,
      numberForms,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    const fix = Object.fromEntries(r.findings.map((f) => [f.quote, f.suggestion?.text]));
    expect(fix).toEqual({ 三月八日: '3月8日', 二〇二二年: '2022年', 三号: '3号', 百分之二十: '20%', '34567': '34,567', '-': '～', '03月07日': '3月7日' });
    expect(r.findings[0]!.message.zh).toBe('“三月八日”：本文日期多用阿拉伯数字，这里用了汉字数字');
  });

  it('leaves articles that keep to one form, festivals, set phrases, durations and phone numbers', () => {
    const r = checkOn(
      `=== 标题
“五一”前夕表彰劳模，“三八”节期间开展体检。传达了十四届全国人大一次会议精神，大家响应统一号召。
过去五年新建职工之家500个；近5年培训职工20万人次。咨询电话：0971-8239550。2023年经费稳步增长。
全市有一号文件落实专班三个。1—2次。满意率达到98%，大家百分之百满意。
`,
      numberForms,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });

  it('reads Chinese numerals', () => {
    expect([parseHanNumber('三十一'), parseHanNumber('十二'), parseHanNumber('二〇二三'), parseHanNumber('一百零五'), parseHanNumber('两千')]).toEqual([31, 12, 2023, 105, 2000]);
    expect(parseHanNumber('十甲')).toBeNaN();
  });
});
