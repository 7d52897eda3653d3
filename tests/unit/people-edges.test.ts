// Issue 10 rough edges in pure code: colleagues' colours, masthead labels with a qualifier in
// parentheses, and what a bad Markdown or JSON file is said to be, in Chinese and in English.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IssueError } from '../../src/lib/issue/errors.ts';
import { parseIssueJson } from '../../src/lib/issue/issue-json.ts';
import { loadIssue } from '../../src/lib/issue/load.ts';
import { parseMarkdown, toMarkdown } from '../../src/lib/issue/markdown.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import { errorMessage } from '../../src/lib/i18n/error-messages.ts';
import { locale } from '../../src/lib/i18n/locale.svelte.ts';
import { assignColours } from '../../src/lib/state/colours.ts';
import { PERSON_COLOURS } from '../../src/lib/state/identity.svelte.ts';

const source = { name: 't.txt', bytes: 0, encoding: 'utf-8', format: 'text' as const };

describe('colleagues’ colours', () => {
  it('gives everyone present a distinct colour while the palette lasts, the same on every peer', () => {
    const red = PERSON_COLOURS[0]!;
    const people = ['u3', 'u1', 'u2', 'u5', 'u4'].map((id) => ({ id, colour: red }));
    const seen = assignColours(people);
    expect(new Set(seen.values()).size).toBe(5);
    // Whoever computes it, in whatever order they list the people, gets the same answer.
    expect(assignColours([...people].reverse())).toEqual(seen);
    // The first in id order keeps the colour they chose.
    expect(seen.get('u1')).toBe(red);
  });
  it('keeps chosen colours that do not clash, and only repeats once the palette is used up', () => {
    const own = assignColours([{ id: 'a', colour: PERSON_COLOURS[2]! }, { id: 'b', colour: PERSON_COLOURS[3]! }]);
    expect([...own.values()]).toEqual([PERSON_COLOURS[2], PERSON_COLOURS[3]]);
    const many = assignColours(Array.from({ length: PERSON_COLOURS.length + 2 }, (_, i) => ({ id: `p${String(i).padStart(2, '0')}`, colour: '#000000' })));
    expect(new Set(many.values()).size).toBe(PERSON_COLOURS.length + 1);
  });
});

describe('masthead labels with a qualifier in parentheses', () => {
  it('keeps 电话(传真) whole in the sample and files the number as the phone', () => {
    const sample = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
    const m = parseText(sample, source).masthead;
    expect(m.phone).toBe('(0971)8239550 8236826');
    expect(m.labels).toEqual({ phone: '电话(传真)' });
  });
  it('applies the rule to any label, on its own line or inline, in either kind of parentheses', () => {
    const body = '\n\n一篇文章的标题\n\n正文第一段，写得足够长，读起来像一段真正的正文。\n';
    const text = `2023年第3期\n\n目录\n\n栏目\n文章的标题\t1\n\n邮箱（投稿）\n\ntougao@example.cn\n\n地址(编辑部)：某市某路 1 号\n\nTel. (fax)\n\n010-1234567\n${body}`;
    const m = parseText(text, source).masthead;
    expect(m.email).toBe('tougao@example.cn');
    expect(m.address).toBe('某市某路 1 号');
    expect(m.phone).toBe('010-1234567');
    expect(m.labels).toEqual({ email: '邮箱（投稿）', address: '地址(编辑部)', phone: 'Tel. (fax)' });
  });
  it('carries the printed labels through JSON and Markdown', () => {
    const sample = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
    const issue = parseText(sample, source);
    expect(parseIssueJson(JSON.stringify(issue)).masthead.labels).toEqual({ phone: '电话(传真)' });
    expect(parseMarkdown(toMarkdown(issue), { ...source, format: 'markdown' }).masthead.labels).toEqual({ phone: '电话(传真)' });
  });
});

describe('messages for files that cannot be opened', () => {
  afterEach(() => locale.set('zh-CN'));
  const fail = (bytes: Uint8Array | string, name: string): IssueError => {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    try {
      loadIssue(data, name);
    } catch (e) {
      if (e instanceof IssueError) return e;
      throw e;
    }
    throw new Error(`${name} opened`);
  };
  const say = (e: IssueError, lang: 'zh-CN' | 'en') => {
    locale.set(lang);
    return errorMessage({ code: e.code, fileName: 'f', ...(e.detail ? { detail: e.detail } : {}), ...(e.why ? { why: e.why } : {}) });
  };
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
  const cases: Array<[string, Uint8Array | string, string, RegExp, RegExp]> = [
    ['an empty file', '', 'a.md', /文件是空的/, /file is empty/],
    ['a binary file', png, 'a.json', /图片/, /image/],
    ['malformed JSON', '{"format": "proofroom-issue", "version": 1,,}', 'a.json', /JSON 文件有语法错误/, /syntax error/],
    ['JSON of the wrong shape', '[1, 2, 3]', 'a.json', /不是共校的刊物文件/, /not a Proofroom issue/],
    ['JSON of another format', '{"name": "x", "items": []}', 'a.json', /不是共校的刊物文件/, /not a Proofroom issue/],
    ['an issue JSON with a field of the wrong kind', '{"format":"proofroom-issue","version":1,"source":"x"}', 'a.json', /“source”缺失或内容不对/, /“source” is missing/],
    ['Markdown with an unknown front matter key', '---\ntitle: 某期\ncolour: red\n---\n\n## 标题\n\n正文。\n', 'a.md', /第 3 行：开头信息区里有不认识的名称“colour”/, /Line 3: .*“colour”/],
    ['Markdown with text before the first article', '正文在标题之前。\n\n## 标题\n\n正文。\n', 'a.md', /第 1 行：第一篇文章之前有正文/, /Line 1: There is text before the first article/],
  ];
  for (const [what, bytes, name, zh, en] of cases) {
    it(`says what is wrong with ${what}, in Chinese and in English`, () => {
      const e = fail(bytes, name);
      const inZh = say(e, 'zh-CN');
      const inEn = say(e, 'en');
      expect(inZh).toMatch(zh);
      expect(inEn).toMatch(en);
      // No parser English (paths, backquotes, "Markdown line") leaks into the Chinese message.
      expect(inZh).not.toMatch(/[`]|Markdown line|Not valid JSON|is not an object/);
    });
  }
});
