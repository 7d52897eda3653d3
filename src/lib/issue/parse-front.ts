// The front of a PDF-extracted issue: masthead fields and the contents page, which extraction
// interleaves. Finds where the contents end so the body parser knows where articles begin.

import type { BoardMember, Masthead, MastheadField } from './types.ts';
import { charLength, squash } from './text-shape.ts';

export interface RawEntry {
  title: string;
  author?: string;
  page?: number;
  group?: string;
  line: number;
}

export interface RawSection {
  title: string;
  entries: RawEntry[];
  groups: string[];
}

export interface Front {
  masthead: Masthead;
  sections: RawSection[];
  /** Index of the first line after the front matter. */
  bodyStart: number;
}

const ENTRY = /^(.*?\S)\s*(?:\t+|\s*[.·…]{3,}\s*|\s{3,})\s*(\d{1,4})\s*$/u;
const RULE = /^[-—_=─\s]{3,}(?:\t[-—_=─\s]*)?$/u;
const ISSUE_LABEL = /^(?:\d{4}\s*年\s*第\s*\d{1,3}\s*期.*|第\s*\d{1,3}\s*期.*|(?:Vol(?:ume)?\.?|No\.|Issue)\s*\d+.{0,40})$/iu;
const CONTENTS_WORD = /^(?:目\s*录|本期目录|contents|table of contents|in this issue)$/iu;
const BOARD_HEAD = /^(?:本刊)?编委会$|^编辑委员会$|^editorial board$/iu;
const OTHER_PHRASES = /内部资料|免费交流|内部刊物|仅供参考|赠阅|not for sale|internal use/iu;

type FieldKey = MastheadField;
const LABELS: Array<[RegExp, FieldKey]> = [
  [/^(?:主办|主办单位|出版|出版单位|publisher|published by)$/iu, 'publisher'],
  [/^(?:准印证号|准印证|内部资料准印证|刊号|permit|permit no\.?|issn)$/iu, 'permit'],
  [/^(?:编辑部门|编辑单位|编辑|编印|editorial office|edited by)$/iu, 'department'],
  [/^(?:地址|通讯地址|社址|address)$/iu, 'address'],
  [/^(?:邮箱|电子邮箱|电子信箱|投稿邮箱|e-?mail)$/iu, 'email'],
  [/^(?:电话|传真|联系电话|tel\.?|phone|telephone|fax)$/iu, 'phone'],
  [/^(?:邮编|邮政编码|postcode|zip|post code)$/iu, 'postcode'],
];

/** A qualifier in parentheses inside a label: 电话(传真), 邮箱（投稿）, Tel. (fax). */
const QUALIFIER = /\s*[(（][^()（）]{1,12}[)）]/gu;

/** The label as printed, when a qualifier makes it say more than the plain one; else undefined. */
function printedLabel(label: string): string | undefined {
  const printed = label.trim().replace(/\s*[:：]$/, '');
  return printed.replace(QUALIFIER, '') !== printed ? printed : undefined;
}

function keepLabel(masthead: Masthead, field: FieldKey, label: string): void {
  const printed = printedLabel(label);
  if (printed) (masthead.labels ??= {})[field] = printed;
}

function fieldOf(label: string): FieldKey | null {
  const key = squash(label).replace(/[:：]$/, '');
  const bare = key.replace(QUALIFIER, '');
  if (!bare) return null;
  for (const [re, field] of LABELS) if (re.test(key) || re.test(bare) || re.test(label.trim())) return field;
  return null;
}

/** `地址：青海省…` on one line: the label and its value. */
function inlineField(line: string): [FieldKey, string, string] | null {
  const m = /^([^:：\t]{1,16})[:：\t]\s*(.+)$/u.exec(line);
  if (!m) return null;
  const field = fieldOf(m[1] ?? '');
  return field ? [field, (m[2] ?? '').trim(), m[1] ?? ''] : null;
}

function splitAuthor(title: string): { title: string; author?: string } {
  const m = /^(.*\S)\s+\/\s+(\S.{0,40})$/u.exec(title);
  return m ? { title: (m[1] ?? '').trim(), author: (m[2] ?? '').trim() } : { title: title.trim() };
}

function isEntry(line: string): boolean {
  return ENTRY.test(line) && !RULE.test(line);
}

/** A board line is `role<TAB>names`, where names are not a page number. */
function boardLine(line: string): BoardMember | null {
  const m = /^([^\t]{1,24})\t+(.+)$/u.exec(line);
  if (!m || /^\d{1,4}$/.test((m[2] ?? '').trim())) return null;
  const value = (m[2] ?? '').trim();
  // CJK names are separated by spaces; Latin names contain them, so commas separate those.
  const split = /[A-Za-z]/.test(value) ? /\s*[,;、，]\s*|\s+and\s+/u : /[\s\u3000、,，]+/u;
  const names = value.split(split).filter(Boolean);
  return names.length ? { role: (m[1] ?? '').trim(), names } : null;
}

function endsWithSame(a: string, b: string): boolean {
  const x = squash(a);
  const y = squash(b);
  return x.length >= 2 && y.length >= 2 && x.slice(-2) === y.slice(-2);
}

export function parseFront(lines: string[]): Front {
  const masthead: Masthead = { board: [], other: [] };
  const sections: RawSection[] = [];

  // The contents end at the last entry or rule line that still belongs to a run of entries.
  let lastToc = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] ?? '';
    if (isEntry(t) || (RULE.test(t) && t.includes('\t'))) {
      if (lastToc >= 0 && i - lastToc > 60) break;
      lastToc = i;
    } else if (lastToc < 0 && i > 400) break;
  }

  // A masthead printed right after the contents belongs to the front too.
  let end = lastToc >= 0 ? lastToc + 1 : lines.length;
  for (let j = end; lastToc >= 0 && j < lines.length; ) {
    const t = (lines[j] ?? '').trim();
    if (!t) j++;
    else if (fieldOf(t)) {
      j++;
      while (j < lines.length && !(lines[j] ?? '').trim()) j++;
      end = ++j;
    } else if (inlineField(t) || OTHER_PHRASES.test(t)) end = ++j;
    else break;
  }

  let section: RawSection | null = null;
  let group: string | undefined;
  let pendingField: FieldKey | null = null;
  let i = 0;
  let lastMasthead = -1;

  const nextNonBlank = (from: number): number => {
    let j = from;
    while (j < end && !(lines[j] ?? '').trim()) j++;
    return j;
  };

  for (; i < end; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (!line) continue;
    if (lastToc < 0 && i > lastMasthead + 3 && lastMasthead >= 0) break;

    if (pendingField) {
      if (!fieldOf(line) && !isEntry(raw)) {
        masthead[pendingField] = line;
        pendingField = null;
        lastMasthead = i;
        continue;
      }
      pendingField = null;
    }
    if (RULE.test(raw)) continue;

    if (isEntry(raw)) {
      const m = ENTRY.exec(raw);
      const { title, author } = splitAuthor(m?.[1] ?? '');
      const page = Number(m?.[2]);
      if (!section) {
        section = { title: '', entries: [], groups: [] };
        sections.push(section);
      }
      section.entries.push({ title, ...(author ? { author } : {}), page, ...(group ? { group } : {}), line: i });
      continue;
    }
    const field = fieldOf(line);
    if (field) {
      pendingField = field;
      keepLabel(masthead, field, line);
      lastMasthead = i;
      continue;
    }
    const inline = inlineField(line);
    if (inline) {
      masthead[inline[0]] = inline[1];
      keepLabel(masthead, inline[0], inline[2]);
      lastMasthead = i;
      continue;
    }
    if (!masthead.issueLabel && ISSUE_LABEL.test(line) && charLength(line) <= 40) {
      masthead.issueLabel = line;
      lastMasthead = i;
      continue;
    }
    if (BOARD_HEAD.test(squash(line)) || CONTENTS_WORD.test(line)) {
      lastMasthead = i;
      continue;
    }
    const member = boardLine(raw);
    if (member) {
      masthead.board.push(member);
      lastMasthead = i;
      continue;
    }
    if (OTHER_PHRASES.test(line)) {
      masthead.other.push(line);
      lastMasthead = i;
      continue;
    }
    // A heading: a section when followed by entries, or by a group heading and then entries.
    const j = nextNonBlank(i + 1);
    const next = lines[j] ?? '';
    if (j < end && isEntry(next)) {
      if (section && group && section.groups.length && endsWithSame(line, group)) {
        group = line;
        section.groups.push(line);
      } else {
        section = { title: line, entries: [], groups: [] };
        sections.push(section);
        group = undefined;
      }
      continue;
    }
    const k = nextNonBlank(j + 1);
    if (j < end && k < end && !fieldOf(next.trim()) && isEntry(lines[k] ?? '')) {
      section = { title: line, entries: [], groups: [] };
      sections.push(section);
      group = next.trim();
      section.groups.push(group);
      i = j;
      continue;
    }
    if (lastToc < 0) break;
    masthead.other.push(line);
    lastMasthead = i;
  }

  const bodyStart = lastToc >= 0 ? end : lastMasthead + 1;
  return { masthead, sections: sections.filter((s) => s.entries.length > 0), bodyStart };
}
