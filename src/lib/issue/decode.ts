// Bytes → clean text. Detects UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, GB18030/GBK and,
// for mostly-ASCII files that are none of these, Windows-1252; refuses empty, binary, garbled and
// oversized input with an IssueError, then normalises line ends and strips control characters.

import { IssueError } from './errors.ts';

/** Largest file we try to read (a 50 MB issue must fit with room to spare). */
export const MAX_BYTES = 100 * 1024 * 1024;

export interface DecodedText {
  text: string;
  /** WHATWG encoding name: `utf-8`, `utf-16le`, `utf-16be`, `gb18030` or `windows-1252`. */
  encoding: string;
}

interface Magic {
  kind: string;
  offset?: number;
  bytes: number[];
}

// Signatures of the non-text files people most often drop on the app by mistake.
const MAGIC: Magic[] = [
  { kind: 'a PDF file', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a WebP image', offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { kind: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'a ZIP archive (Word .docx, .xlsx and .epub files are ZIP archives too)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { kind: 'an old-style Word or Excel document (.doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'an MP4 or MOV video', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { kind: 'an MP3 file', bytes: [0x49, 0x44, 0x33] },
  { kind: 'a program (ELF executable)', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'a SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
];

const SNIFF_BYTES = 1024;
/** How much of a large file the encoding judgement looks at. */
const JUDGE_BYTES = 1 << 20;

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new IssueError('empty', 'The file is empty (0 bytes).');
  if (bytes.length > MAX_BYTES) {
    throw new IssueError(
      'too-large',
      `The file is ${formatMegabytes(bytes.length)}; the largest file Proofroom reads is ${formatMegabytes(MAX_BYTES)}.`,
    );
  }
  const { text, encoding } = decodeRaw(bytes);
  const clean = normalizeText(text);
  if (clean.trim() === '') throw new IssueError('empty', 'The file contains only whitespace.');
  return { text: clean, encoding };
}

function decodeRaw(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strictUtf(bytes.subarray(3), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return strictUtf(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return strictUtf(bytes.subarray(2), 'utf-16be');

  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes, m.offset ?? 0));
  if (magic) throw new IssueError('binary', `This is ${magic.kind}, not text. Open the text extracted from it instead.`);
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    throw new IssueError(
      'binary',
      'This file holds binary data (NUL bytes), not text. If it is UTF-16 text, save it again with a byte-order mark.',
    );
  }

  try {
    return checkReadable({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' });
  } catch (err) {
    if (err instanceof IssueError) throw err;
  }
  const sample = bytes.subarray(0, JUDGE_BYTES);
  if (looksLikeChinese(sample)) {
    return checkReadable({ text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' });
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  if (mostlyValidUtf8(lenient)) return checkReadable({ text: lenient, encoding: 'utf-8' });
  if (asciiShare(sample) >= 0.9) {
    return checkReadable({ text: decodeWindows1252(bytes), encoding: 'windows-1252' });
  }
  throw garbage();
}

function strictUtf(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): DecodedText {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new IssueError('garbage', `The file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}.`);
  }
  return checkReadable({ text, encoding });
}

function garbage(): IssueError {
  return new IssueError(
    'garbage',
    'The file does not decode to readable text as UTF-8, UTF-16 or GB18030/GBK. Save it as UTF-8 text and try again.',
  );
}

/**
 * Walks the bytes as GB18030 and asks whether the two-byte characters are mostly from GB2312
 * (common hanzi, fullwidth punctuation). Real Chinese text is; random or mis-detected bytes
 * (Big5, Latin-1, binary) land mostly in the rare extension areas or in invalid sequences.
 */
function looksLikeChinese(bytes: Uint8Array): boolean {
  let common = 0;
  let other = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = bytes[i + 1];
    if (trail === undefined) break;
    if (lead >= 0x81 && lead <= 0xfe && trail >= 0x30 && trail <= 0x39) {
      other++; // four-byte sequence: valid GB18030, but never the bulk of a Chinese text
      i += 4;
    } else if (lead >= 0x81 && lead <= 0xfe && trail >= 0x40 && trail <= 0xfe && trail !== 0x7f) {
      if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1) common++;
      else other++;
      i += 2;
    } else {
      other++;
      i++;
    }
  }
  return common > 0 && common >= 4 * other;
}

/** UTF-8 with a few broken bytes (a truncated or damaged file): many good multi-byte characters, few U+FFFD. */
function mostlyValidUtf8(text: string): boolean {
  let good = 0;
  let broken = 0;
  const limit = Math.min(text.length, JUDGE_BYTES);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) broken++;
    else if (c >= 0x80) good++;
  }
  return good >= 20 * broken;
}

function asciiShare(bytes: Uint8Array): number {
  let ascii = 0;
  for (const b of bytes) if (b < 0x80) ascii++;
  return ascii / bytes.length;
}

/** Rejects decoded text dominated by replacement characters, control codes or private-use characters. */
function checkReadable(decoded: DecodedText): DecodedText {
  const { text } = decoded;
  const limit = Math.min(text.length, JUDGE_BYTES);
  let bad = 0;
  let counted = 0;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    counted++;
    if (c === 0xfffd || c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  if (counted > 0 && bad / counted > 0.05) throw garbage();
  return decoded;
}

// 0x80–0x9F of Windows-1252; the rest is Latin-1. Decoded by hand: Node's TextDecoder
// treats this label as ISO-8859-1 and loses curly quotes and dashes.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 1 << 15;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * LF line ends (CRLF, CR, form feed, vertical tab, Unicode line/paragraph separators), no BOM,
 * no control characters other than tab and newline.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?|[\f\v\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff]/g, '');
}

function startsWith(bytes: Uint8Array, prefix: number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

function formatMegabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}
