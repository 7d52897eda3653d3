// The house list (用字表): the check that applies it (the starter list when the review has none,
// the editors' own when it has one) and the text format it imports from and exports to.
import { describe, expect, it } from 'vitest';
import { houseList } from '../../src/lib/checks/house-list.ts';
import { formatHouseList, parseHouseList } from '../../src/lib/checks/house-list-format.ts';
import { STARTER_HOUSE_LIST_TEXT, starterHouseList } from '../../src/lib/checks/starter-house-list.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

describe('house-list check', () => {
  it('applies the starter list when the review has no list of its own', () => {
    const r = checkOn(
      `=== 标题
⟦截止目前⟧{house-list}，已建成职工之家三百个。要把精神⟦付诸于⟧{house-list}行动，⟦再接再励⟧{house-list}。
There is ⟦alot⟧{house-list} to read. ⟦Definately⟧{house-list} come.
截至目前已有书屋二百家，报名截止日期为3月31日。付诸实施，再接再厉。露营的帐篷统一采购。A lot of members came; the ballot was definitely fair.
`,
      houseList,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    const first = r.findings[0]!;
    expect(first.suggestion).toEqual({ op: 'replace', text: '截至目前' });
    expect(first.message.zh).toBe('“截止目前”应作“截至目前”（表示到某时为止用“截至”）');
    expect(r.findings.find((f) => f.quote === 'Definately')!.suggestion!.text).toBe('Definitely');
  });

  it('applies the editors’ list instead, and nothing for an empty list', () => {
    const source = '=== 标题\n⟦青海省总工会⟧{house-list}召开会议，截止目前已有成效。\n';
    const own = checkOn(source, houseList, { houseList: [{ wrong: '青海省总工会', right: '省总工会', note: '本刊简称' }] });
    expect(own.missed).toEqual([]);
    expect(own.unexpected).toEqual([]);
    expect(own.findings[0]!.message.zh).toBe('“青海省总工会”应作“省总工会”（本刊简称）');
    expect(checkOn(source, houseList, { houseList: [] }).findings).toEqual([]);
  });

  it('leaves the right form when it contains the wrong one', () => {
    const r = checkOn('=== 标题\n报名截止日期为3月31日，截止时间为下午五点。\n', houseList, { houseList: [{ wrong: '截止', right: '截止日期' }] });
    expect(r.findings.map((f) => f.quote)).toEqual(['截止']);
  });
});

describe('house list file', () => {
  it('reads arrows, tabs, notes and comments, and writes them back the same', () => {
    const { pairs, errors } = parseHouseList('\uFEFF# 本刊用字表\n截止目前 → 截至目前 # 时间用“截至”\n做为->作为\n\n帐户\t账户\t财务用语\n');
    expect(errors).toEqual([]);
    expect(pairs).toEqual([
      { wrong: '截止目前', right: '截至目前', note: '时间用“截至”' },
      { wrong: '做为', right: '作为' },
      { wrong: '帐户', right: '账户', note: '财务用语' },
    ]);
    expect(formatHouseList(pairs)).toBe('截止目前 → 截至目前 # 时间用“截至”\n做为 → 作为\n帐户 → 账户 # 财务用语\n');
    expect(parseHouseList(formatHouseList(pairs)).pairs).toEqual(pairs);
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const { pairs, errors } = parseHouseList('截止目前 → 截至目前\n没有箭头的一行\n → 对\n错 → \n同字 → 同字\n截止目前 → 截止当前\n截止目前 → 截至目前\n好 → 对 → 错\n');
    expect(pairs).toEqual([{ wrong: '截止目前', right: '截至目前' }]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(errors[0]!.message).toEqual({ zh: '第2行：缺少“→”或制表符，应写作“错 → 对”', en: 'Line 2: no “→” or tab; write “wrong → right”' });
    expect(errors[4]!.message.zh).toBe('第6行：“截止目前”已在第1行写作“截至目前”');
  });

  it('ships a starter list that reads without errors, each pair a real correction', () => {
    const parsed = parseHouseList(STARTER_HOUSE_LIST_TEXT);
    expect(parsed.errors).toEqual([]);
    expect(parsed.pairs).toEqual(starterHouseList());
    expect(parsed.pairs.length).toBeGreaterThan(100);
    for (const p of parsed.pairs) expect(p.wrong).not.toBe(p.right);
  });
});
