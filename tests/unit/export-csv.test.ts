// The corrections list (校样意见单): rows ordered by page and position, the issue's columns in
// zh-CN and English, context around the passage, RFC 4180 quoting with CRLF, and a UTF-8 BOM.
import { describe, expect, it } from 'vitest';
import { correctionRows, correctionSheet, formatById, type ExportInput } from '../../src/lib/export/index.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';
import { ANNA, buildNotes, FIXTURE_NOTES, T0 } from './fixtures/export/notes.ts';
import { sampleIssue } from '../../bench/synthetic.ts';

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a quoted field at ${i}`);
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '"') {
      throw new Error(`bare ${c === '"' ? 'quote' : 'LF'} in an unquoted field at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last record does not end in CRLF');
  return rows;
}

const issue = handBuiltIssue();
const notes = buildNotes(issue, FIXTURE_NOTES);
const input = (over: Partial<ExportInput> = {}): ExportInput => ({
  issue,
  round: { index: 2, label: '二校' },
  notes,
  checks: new Map([['replace1', '已改'], ['delete1', '未改']]),
  lang: 'zh-CN',
  now: new Date(T0 + 3_600_000),
  timeZone: 'Asia/Shanghai',
  ...over,
});
const csv = formatById('corrections-csv')!;

describe('corrections list (CSV)', () => {
  it('starts with a UTF-8 BOM, ends every record with CRLF, and has the issue\'s columns', () => {
    const text = csv.produce(input());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual(['序号', '页码', '文章', '原文', '改为', '类别', '提出人', '状态', '核红']);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(csv.extension).toBe('csv');
    expect(csv.mime).toMatch(/^text\/csv/);
  });

  it('lists suggestions, comments and questions by page and position, bare highlights left out', () => {
    const rows = readCsv(csv.produce(input()).slice(1)).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    // a1 (p. 5): 领导人 (a1.4 @7), ，先生们 (a1.4 @14), 坚守 (a1.5), insertion in a1.6; a2 (p. 31); a3 (no page, after a2).
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['5', '携手同行现代化之路'],
      ['5', '携手同行现代化之路'],
      ['5', '携手同行现代化之路'],
      ['5', '携手同行现代化之路'],
      ['31', '西宁市总工会持续推进专项工作'],
      ['', '编后记'],
    ]);
    expect(rows[0]).toEqual(['1', '5', '携手同行现代化之路', '…敬的各位政党【领导人】，女士们，先…', '领导者', '错别字', '安娜', '已采纳', '已改']);
    expect(rows[1]!.slice(3)).toEqual(['…导人，女士们【，先生们】，朋友们：', '删除', '标点', 'Bo "the typesetter", Jr.', '已采纳', '未改']);
    expect(rows[2]!.slice(3, 8)).toEqual(['一、【坚守】人民至上理念', '坚持', '文风', '安娜', '未采纳']);
    expect(rows[3]!.slice(3, 8)).toEqual(['…是井号的段落‸，@也要转义…', '在“…是井号的段落”后插入“（示例）”', '标点', '安娜', '未解决']);
    expect(rows[4]!.slice(3, 8)).toEqual(['…会 is not a 【directive】, and neithe…', '（批注）Not a "directive", really.\n# not a heading', '事实', 'Bo "the typesetter", Jr.', '未解决']);
    expect(rows[5]!.slice(3, 9)).toEqual(['【Mixed】 text with E…', '（提问）英文要不要斜体？', '文风', '安娜', '未解决', '']);
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    const text = csv.produce(input());
    expect(text).toContain(',"Bo ""the typesetter"", Jr.",');
    expect(text).toContain('"（批注）Not a ""directive"", really.\n# not a heading"');
  });

  it('writes English headers and labels when the language is English', () => {
    const rows = readCsv(csv.produce(input({ lang: 'en', checks: new Map() })).slice(1));
    expect(rows[0]).toEqual(['No.', 'Page', 'Article', 'Original', 'Change to', 'Category', 'Raised by', 'Status', 'Check']);
    expect(rows[2]!.slice(4, 8)).toEqual(['delete', 'punctuation', 'Bo "the typesetter", Jr.', 'accepted']);
    expect(rows[4]![4]).toBe('insert “（示例）” after “…是井号的段落”');
    expect(rows[6]![4]).toBe('(question) 英文要不要斜体？');
  });

  it('gives the same rows as data for the print view, with a title naming issue and round', () => {
    const sheet = correctionSheet(input());
    expect(sheet.title).toBe('工会工作 2023年第3期 二校 校样意见单');
    expect(sheet.rows).toEqual(correctionRows(input()));
    expect(sheet.rows.map((r) => r.noteId)).toEqual(['replace1', 'delete1', 'rejected1', 'insert1', 'comment1', 'question1']);
    expect(sheet.rows[5]).toMatchObject({ page: null, article: '编后记', articleId: 'a3', check: '' });
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const risky = buildNotes(issue, [
      { id: 'f1', at: ['a3', 'a3.1', 6, 10], kind: 'suggestion', suggestion: { op: 'replace', text: '=HYPERLINK("http://x","y")' }, author: { ...ANNA, name: '@admin' }, minute: 1 },
    ]);
    const rows = readCsv(csv.produce(input({ notes: risky })).slice(1));
    expect(rows[1]![4]).toBe('\'=HYPERLINK("http://x","y")');
    expect(rows[1]![6]).toBe("'@admin");
  });

  it('orders the real sample\'s notes by page, whatever order they were made in', () => {
    const sample = sampleIssue();
    const picks = [sample.articles[9]!, sample.articles[0]!, sample.articles[20]!, sample.articles[3]!].map((a) => {
      const block = a.blocks.find((b) => b.kind === 'paragraph' && b.text.length > 12)!;
      return { a, block };
    });
    const made = buildNotes(sample, picks.map(({ a, block }, i) => ({ id: `s${i}`, at: [a.id, block.id, 2, 6] as [string, string, number, number], kind: 'comment' as const, body: `第${i}条`, minute: i })));
    const rows = correctionRows({ issue: sample, round: { index: 1, label: '一校' }, notes: made, lang: 'zh-CN', now: new Date(T0) });
    const pages = rows.map((r) => r.page ?? 0);
    expect(pages).toEqual([...pages].sort((x, y) => x - y));
    expect(rows).toHaveLength(4);
  });
});
