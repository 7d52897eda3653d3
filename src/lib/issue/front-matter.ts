// The `---` … `---` block at the top of a Markdown issue: issue title, label, language and the
// masthead as simple `key: value` lines. Read and written here so both directions share one key list.

import { IssueError, type MalformedKind } from './errors.ts';
import type { Issue, Masthead } from './types.ts';

export interface FrontMatter {
  title?: string;
  language?: Issue['language'];
  masthead: Masthead;
  /** Index of the first line after the closing `---` (0 when there is no front matter). */
  bodyStart: number;
}

type FieldKey = 'publisher' | 'permit' | 'department' | 'address' | 'email' | 'phone' | 'postcode';
const FIELDS: FieldKey[] = ['publisher', 'permit', 'department', 'address', 'email', 'phone', 'postcode'];
const FENCE = /^---\s*$/;
const NAME_SEPARATORS = /\s*[、,，;；]\s*/u;

function malformed(line: number, message: string, kind: MalformedKind, value?: string): IssueError {
  return new IssueError('malformed', `Markdown line ${line}: ${message}`, undefined, { kind, line, ...(value === undefined ? {} : { value }) });
}

function unquote(value: string): string {
  const m = /^"(.*)"$|^'(.*)'$/.exec(value);
  return m ? (m[1] ?? m[2] ?? '') : value;
}

function quote(value: string): string {
  return /^["']|^\s|\s$/.test(value) ? `"${value}"` : value;
}

export function readFrontMatter(lines: string[]): FrontMatter {
  const masthead: Masthead = { board: [], other: [] };
  const out: FrontMatter = { masthead, bodyStart: 0 };
  if (!FENCE.test(lines[0] ?? '')) return out;
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i] ?? '')) {
      end = i;
      break;
    }
  }
  if (end < 0) throw malformed(1, 'the front matter opened with `---` is never closed by another `---` line.', 'md-front-unclosed');

  for (let i = 1; i < end; i++) {
    const raw = (lines[i] ?? '').trim();
    if (!raw || raw.startsWith('#')) continue;
    const m = /^([^:]+):(.*)$/.exec(raw);
    if (!m) throw malformed(i + 1, `expected \`key: value\` in the front matter, found "${raw.slice(0, 60)}".`, 'md-front-line', raw.slice(0, 60));
    const key = (m[1] ?? '').trim();
    const value = unquote((m[2] ?? '').trim());
    if (key === 'title' || key === 'label') {
      if (key === 'title') out.title = value;
      else masthead.issueLabel = value;
    } else if (key === 'language') {
      if (value !== 'zh' && value !== 'en' && value !== 'other') {
        throw malformed(i + 1, `language must be zh, en or other, not "${value}".`, 'md-language', value);
      }
      out.language = value;
    } else if ((FIELDS as string[]).includes(key)) {
      masthead[key as FieldKey] = value;
    } else if (key.startsWith('label.') && (FIELDS as string[]).includes(key.slice(6))) {
      (masthead.labels ??= {})[key.slice(6) as FieldKey] = value;
    } else if (key === 'other') {
      masthead.other.push(value);
    } else if (key.startsWith('board.') && key.length > 'board.'.length) {
      masthead.board.push({ role: key.slice('board.'.length).trim(), names: value.split(NAME_SEPARATORS).filter(Boolean) });
    } else {
      throw malformed(i + 1, `unknown front matter key "${key}" (known: title, label, language, ${FIELDS.join(', ')}, label.FIELD, board.ROLE, other).`, 'md-front-key', key);
    }
  }
  out.bodyStart = end + 1;
  return out;
}

export function writeFrontMatter(issue: Issue): string[] {
  const m = issue.masthead;
  const lines = ['---', `title: ${quote(issue.title)}`];
  if (m.issueLabel !== undefined) lines.push(`label: ${quote(m.issueLabel)}`);
  lines.push(`language: ${issue.language}`);
  for (const key of FIELDS) {
    const value = m[key];
    if (value !== undefined) lines.push(`${key}: ${quote(value)}`);
  }
  for (const key of FIELDS) {
    const label = m.labels?.[key];
    if (label !== undefined) lines.push(`label.${key}: ${quote(label)}`);
  }
  const glue = issue.language === 'zh' ? '、' : ', ';
  for (const member of m.board) lines.push(`board.${member.role}: ${member.names.join(glue)}`);
  for (const other of m.other) lines.push(`other: ${quote(other)}`);
  lines.push('---');
  return lines;
}
