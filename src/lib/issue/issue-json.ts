// The app's own JSON of a parsed issue (format `proofroom-issue`, version 1). Reading validates every
// field, caps string lengths and rebuilds the objects, so nothing unchecked reaches the app.

import { IssueError } from './errors.ts';
import {
  ISSUE_FORMAT,
  ISSUE_VERSION,
  type Article,
  type Block,
  type BlockKind,
  type BoardMember,
  type Issue,
  type Join,
  type Masthead,
  type Section,
  type TocEntry,
} from './types.ts';

const MAX_ID = 200;
const MAX_SHORT = 4000;
const MAX_TEXT = 1_000_000;
const BLOCK_KINDS: BlockKind[] = ['kicker', 'title', 'subtitle', 'byline', 'heading', 'paragraph', 'caption', 'source'];
const LANGUAGES: Issue['language'][] = ['zh', 'en', 'other'];
const FORMATS: Issue['source']['format'][] = ['text', 'markdown', 'json'];

export function toIssueJson(issue: Issue): string {
  return `${JSON.stringify(issue, null, 2)}\n`;
}

function bad(path: string, problem: string): IssueError {
  return new IssueError('malformed', `${path} ${problem}`, path, { kind: 'json-field', path });
}

type Obj = Record<string, unknown>;

function object(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path, 'is not an object');
  return v as Obj;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw bad(path, 'is not an array');
  return v;
}

function string(v: unknown, path: string, max = MAX_SHORT): string {
  if (typeof v !== 'string') throw bad(path, 'is not a string');
  if (v.length > max) throw bad(path, `is longer than ${max} characters`);
  return v;
}

function optString(o: Obj, key: string, path: string, max = MAX_SHORT): string | undefined {
  return o[key] === undefined ? undefined : string(o[key], `${path}.${key}`, max);
}

function nullableString(v: unknown, path: string): string | null {
  return v === null ? null : string(v, path, MAX_ID);
}

function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(path, 'is not an integer');
  if (v < min || v > max) throw bad(path, `is out of range (${min}–${max})`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(v as T)) throw bad(path, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** Copies `key` onto `target` only when present, so optional fields stay absent rather than undefined. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function readMasthead(v: unknown, path: string): Masthead {
  const o = object(v, path);
  const board: BoardMember[] = array(o.board, `${path}.board`).map((m, i) => {
    const p = `${path}.board[${i}]`;
    const mo = object(m, p);
    return { role: string(mo.role, `${p}.role`), names: array(mo.names, `${p}.names`).map((n, j) => string(n, `${p}.names[${j}]`)) };
  });
  const masthead: Masthead = { board, other: array(o.other, `${path}.other`).map((s, i) => string(s, `${path}.other[${i}]`)) };
  for (const key of ['issueLabel', 'publisher', 'permit', 'department', 'address', 'email', 'phone', 'postcode'] as const) {
    put(masthead, key, optString(o, key, path));
  }
  if (o.labels !== undefined) {
    const lo = object(o.labels, `${path}.labels`);
    const labels: NonNullable<Masthead['labels']> = {};
    for (const key of ['publisher', 'permit', 'department', 'address', 'email', 'phone', 'postcode'] as const) put(labels, key, optString(lo, key, `${path}.labels`));
    masthead.labels = labels;
  }
  return masthead;
}

function readEntry(v: unknown, path: string): TocEntry {
  const o = object(v, path);
  const entry: TocEntry = { id: string(o.id, `${path}.id`, MAX_ID), title: string(o.title, `${path}.title`), articleId: nullableString(o.articleId, `${path}.articleId`) };
  put(entry, 'author', optString(o, 'author', path));
  put(entry, 'page', o.page === undefined ? undefined : integer(o.page, `${path}.page`, 0, 1_000_000));
  put(entry, 'group', optString(o, 'group', path));
  return entry;
}

function readSection(v: unknown, path: string): Section {
  const o = object(v, path);
  return {
    id: string(o.id, `${path}.id`, MAX_ID),
    title: string(o.title, `${path}.title`),
    entries: array(o.entries, `${path}.entries`).map((e, i) => readEntry(e, `${path}.entries[${i}]`)),
  };
}

function readBlock(v: unknown, path: string): Block {
  const o = object(v, path);
  const text = string(o.text, `${path}.text`, MAX_TEXT);
  const block: Block = { id: string(o.id, `${path}.id`, MAX_ID), kind: oneOf(o.kind, BLOCK_KINDS, `${path}.kind`), text };
  if (o.joins !== undefined) {
    block.joins = array(o.joins, `${path}.joins`).map((j, i): Join => {
      const jo = object(j, `${path}.joins[${i}]`);
      return { at: integer(jo.at, `${path}.joins[${i}].at`, 0, text.length), kind: oneOf(jo.kind, ['sentence', 'word'] as const, `${path}.joins[${i}].kind`) };
    });
  }
  return block;
}

function readArticle(v: unknown, path: string): Article {
  const o = object(v, path);
  if (typeof o.titleMismatch !== 'boolean') throw bad(`${path}.titleMismatch`, 'is not a boolean');
  const article: Article = {
    id: string(o.id, `${path}.id`, MAX_ID),
    title: string(o.title, `${path}.title`),
    sectionId: nullableString(o.sectionId, `${path}.sectionId`),
    tocEntryId: nullableString(o.tocEntryId, `${path}.tocEntryId`),
    titleMismatch: o.titleMismatch,
    blocks: array(o.blocks, `${path}.blocks`).map((b, i) => readBlock(b, `${path}.blocks[${i}]`)),
  };
  put(article, 'group', optString(o, 'group', path));
  put(article, 'tocTitle', optString(o, 'tocTitle', path));
  put(article, 'page', o.page === undefined ? undefined : integer(o.page, `${path}.page`, 0, 1_000_000));
  return article;
}

/** Ids must be unique and every reference must point at something that exists. */
function checkReferences(issue: Issue): void {
  const unique = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new IssueError('malformed', `${what} id "${id}" is used twice`, undefined, { kind: 'json-duplicate', value: id });
      seen.add(id);
    }
    return seen;
  };
  const sectionIds = unique(issue.sections.map((s) => s.id), 'section');
  const entryIds = unique(issue.sections.flatMap((s) => s.entries.map((e) => e.id)), 'contents entry');
  const articleIds = unique(issue.articles.map((a) => a.id), 'article');
  unique(issue.articles.flatMap((a) => a.blocks.map((b) => b.id)), 'block');
  issue.articles.forEach((a, i) => {
    if (a.sectionId !== null && !sectionIds.has(a.sectionId)) throw bad(`articles[${i}].sectionId`, `names no section ("${a.sectionId}")`);
    if (a.tocEntryId !== null && !entryIds.has(a.tocEntryId)) throw bad(`articles[${i}].tocEntryId`, `names no contents entry ("${a.tocEntryId}")`);
  });
  issue.sections.forEach((s, i) =>
    s.entries.forEach((e, j) => {
      if (e.articleId !== null && !articleIds.has(e.articleId)) throw bad(`sections[${i}].entries[${j}].articleId`, `names no article ("${e.articleId}")`);
    }),
  );
}

export function parseIssueJson(text: string): Issue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new IssueError('malformed', `Not valid JSON: ${err instanceof Error ? err.message : String(err)}`, undefined, { kind: 'json-syntax' });
  }
  const notIssue = { kind: 'json-not-issue' } as const;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new IssueError('malformed', 'the file is not an object: this is not a Proofroom issue file', undefined, notIssue);
  const o = data as Obj;
  if (o.format !== ISSUE_FORMAT) throw new IssueError('malformed', `format is not "${ISSUE_FORMAT}": this is not a Proofroom issue file`, 'format', notIssue);
  const version = integer(o.version, 'version', 1, Number.MAX_SAFE_INTEGER);
  if (version > ISSUE_VERSION) {
    throw new IssueError('unsupported-version', `This issue file is format version ${version}; this copy of Proofroom reads version ${ISSUE_VERSION}. Update Proofroom to open it.`);
  }
  const source = object(o.source, 'source');
  const issue: Issue = {
    format: ISSUE_FORMAT,
    version: ISSUE_VERSION,
    id: string(o.id, 'id', MAX_ID),
    title: string(o.title, 'title'),
    language: oneOf(o.language, LANGUAGES, 'language'),
    masthead: readMasthead(o.masthead, 'masthead'),
    sections: array(o.sections, 'sections').map((s, i) => readSection(s, `sections[${i}]`)),
    articles: array(o.articles, 'articles').map((a, i) => readArticle(a, `articles[${i}]`)),
    source: {
      name: string(source.name, 'source.name'),
      bytes: integer(source.bytes, 'source.bytes', 0, Number.MAX_SAFE_INTEGER),
      encoding: string(source.encoding, 'source.encoding', MAX_ID),
      format: oneOf(source.format, FORMATS, 'source.format'),
    },
  };
  checkReferences(issue);
  return issue;
}
