// Decoding: each supported encoding comes out as the same clean text; each bad input gets its own error.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, MAX_BYTES } from '../../src/lib/issue/decode.ts';
import { IssueError, type IssueErrorCode } from '../../src/lib/issue/errors.ts';

const sample = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
const phrase = '在第十四届全国人民代表大会第一次会议上的讲话';
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function seededBytes(n: number, seed: number, min = 0, max = 255): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = min + ((x >>> 16) % (max - min + 1));
  }
  return out;
}

function errorOf(bytes: Uint8Array): IssueError {
  try {
    decodeBytes(bytes);
  } catch (err) {
    if (err instanceof IssueError) return err;
    throw err;
  }
  throw new Error('expected decodeBytes to throw');
}

function expectError(bytes: Uint8Array, code: IssueErrorCode, message?: RegExp) {
  const err = errorOf(bytes);
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
}

describe('decodeBytes: encodings', () => {
  it('reads UTF-8 without a BOM', () => {
    const { text, encoding } = decodeBytes(utf8(sample));
    expect(encoding).toBe('utf-8');
    expect(text).toContain(phrase);
    expect(text).toContain('学习强会');
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const { text, encoding } = decodeBytes(concat([0xef, 0xbb, 0xbf], utf8('工会工作\n第一段')));
    expect(encoding).toBe('utf-8');
    expect(text).toBe('工会工作\n第一段');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = concat([0xff, 0xfe], iconv.encode('学习强会\n市州动态', 'utf16le'));
    const be = concat([0xfe, 0xff], iconv.encode('学习强会\n市州动态', 'utf16-be'));
    expect(decodeBytes(le)).toEqual({ text: '学习强会\n市州动态', encoding: 'utf-16le' });
    expect(decodeBytes(be)).toEqual({ text: '学习强会\n市州动态', encoding: 'utf-16be' });
  });

  it('detects GB18030 without being told: the whole sample round-trips', () => {
    const { text, encoding } = decodeBytes(iconv.encode(sample, 'gb18030'));
    expect(encoding).toBe('gb18030');
    expect(text).toBe(decodeBytes(utf8(sample)).text);
  });

  it('detects GBK bytes written by hand', () => {
    // 中文 = D6D0 CEC4, 工会 = B9A4 BBE1, "，" = A3AC
    const bytes = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xa3, 0xac, 0xb9, 0xa4, 0xbb, 0xe1, 0x0a]);
    expect(decodeBytes(bytes)).toEqual({ text: '中文，工会\n', encoding: 'gb18030' });
  });

  it('reads a short GBK file mixing ASCII and Chinese', () => {
    const { text, encoding } = decodeBytes(iconv.encode('Issue 3, 2023: 青海省总工会 (Qinghai)', 'gbk'));
    expect(encoding).toBe('gb18030');
    expect(text).toBe('Issue 3, 2023: 青海省总工会 (Qinghai)');
  });

  it('reads mostly-English Windows-1252 text instead of misreading it as GBK', () => {
    const bytes = iconv.encode('The caf\u00e9 \u201cTrade Union\u201d report, page 3.\nSecond line.', 'win1252');
    const { text, encoding } = decodeBytes(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('The caf\u00e9 \u201cTrade Union\u201d report, page 3.\nSecond line.');
  });

  it('keeps a UTF-8 file whose last character was cut off', () => {
    const bytes = utf8(sample.slice(0, 3000));
    const { text, encoding } = decodeBytes(bytes.subarray(0, findCut(bytes)));
    expect(encoding).toBe('utf-8');
    expect(text).toContain('学习强会');
  });
});

/** An offset inside the last multi-byte character, so the file ends with a broken sequence. */
function findCut(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i > 0; i--) if (bytes[i]! >= 0xe0) return i + 1;
  throw new Error('no multi-byte character');
}

describe('decodeBytes: normalisation', () => {
  it('turns CRLF, lone CR and form feed into LF', () => {
    expect(decodeBytes(utf8('一\r\n二\r三\f四\n')).text).toBe('一\n二\n三\n四\n');
  });

  it('drops stray control characters and inner BOMs but keeps tabs', () => {
    const body = sample.slice(0, 400).replace(/\r/g, '');
    const dirty = `主任\t马吉孝\u0007\u0001\u001b\ufeff\n${body}\u0008`;
    expect(decodeBytes(utf8(dirty)).text).toBe(`主任\t马吉孝\n${body}`);
  });
});

describe('decodeBytes: bad input', () => {
  it('rejects a 0-byte file as empty', () => expectError(new Uint8Array(0), 'empty', /empty/));

  it('rejects a whitespace-only file as empty', () => {
    expectError(utf8(' \n\r\n\t\u3000 \n'), 'empty', /whitespace/);
  });

  it('names a PNG image', () => {
    expectError(concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], seededBytes(200, 1)), 'binary', /PNG image/);
  });

  it('names a PDF file', () => {
    expectError(utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'binary', /This is a PDF file, not text/);
  });

  it('names a ZIP archive and says .docx files are ZIPs', () => {
    expectError(concat(utf8('PK'), [0x03, 0x04, 0x14, 0x00], utf8('word/document.xml')), 'binary', /ZIP archive.*docx/);
  });

  it('names JPEG and gzip', () => {
    expectError(concat([0xff, 0xd8, 0xff, 0xe0], seededBytes(100, 2)), 'binary', /JPEG/);
    expectError(concat([0x1f, 0x8b, 0x08, 0x00], seededBytes(100, 3)), 'binary', /gzip/);
  });

  it('rejects unknown binary data with NUL bytes', () => {
    expectError(concat(utf8('abc'), [0, 0, 1, 2], utf8('def')), 'binary', /NUL/);
  });

  it('rejects random bytes as garbage', () => {
    expectError(seededBytes(4096, 42, 1, 255), 'garbage', /UTF-8, UTF-16 or GB18030/);
    expectError(seededBytes(4096, 7, 0x80, 0xff), 'garbage');
  });

  it('rejects Big5 text (unsupported) as garbage rather than showing mojibake', () => {
    expectError(iconv.encode(sample.slice(0, 2000), 'big5'), 'garbage');
  });

  it('rejects a file over MAX_BYTES and accepts a 50 MB file', () => {
    expect(MAX_BYTES).toBe(100 * 1024 * 1024);
    expectError(new Uint8Array(MAX_BYTES + 1), 'too-large', /100 MB/);
    const line = utf8('工会工作质量提升，职工技能竞赛。\n');
    const big = new Uint8Array(50 * 1000 * 1000);
    for (let at = 0; at + line.length <= big.length; at += line.length) big.set(line, at);
    big.fill(0x0a, big.length - (big.length % line.length));
    const { text, encoding } = decodeBytes(big);
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('工会工作质量提升')).toBe(true);
  });
});
