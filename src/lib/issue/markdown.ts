// The precise Markdown form of an issue (docs/FORMATS.md): `#` section, `##` article, `###` heading,
// `@kind text` lines for the other block kinds and `@page`/`@toc`/`@author`/`@group` for article data.
// parseMarkdown and toMarkdown are inverses on structure: titles, blocks, pages, sections, contents.

import { IssueError, type MalformedKind } from './errors.ts';
import { readFrontMatter, writeFrontMatter } from './front-matter.ts';
import { hashString, makeArticleId, makeBlockId, makeEntryId, makeSectionId } from './ids.ts';
import { titleMismatch } from './title-mismatch.ts';
import { languageOf, squash } from './text-shape.ts';
import { ISSUE_FORMAT, ISSUE_VERSION, type Article, type Block, type BlockKind, type Issue, type IssueSource, type Section, type TocEntry } from './types.ts';

const BLOCK_DIRECTIVES = ['kicker', 'subtitle', 'byline', 'caption', 'source'] as const;
const DATA_DIRECTIVES = ['page', 'toc', 'author', 'group', 'unlisted'] as const;
type DataKey = (typeof DATA_DIRECTIVES)[number];
const CJK_EDGE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/** An article, or (with `@entry`) a contents entry whose article is not in the issue. */
interface Item {
  line: number;
  title: string;
  entryOnly: boolean;
  section: number | null;
  data: Partial<Record<DataKey, string>>;
  blocks: Array<{ kind: BlockKind; text: string }>;
}

function malformed(line: number, message: string, kind: MalformedKind, value?: string): IssueError {
  return new IssueError('malformed', `Markdown line ${line}: ${message}`, undefined, { kind, line, ...(value === undefined ? {} : { value }) });
}

/** Lines of one paragraph are joined without a space between CJK characters, with one otherwise. */
function joinLines(a: string, b: string): string {
  return CJK_EDGE.test(a.slice(-1)) || CJK_EDGE.test(b.charAt(0)) ? a + b : `${a} ${b}`;
}

function readBody(lines: string[], start: number): { sections: string[]; items: Item[] } {
  const sections: string[] = [];
  const items: Item[] = [];
  let section: number | null = null;
  let item: Item | undefined;
  let paragraph: { text: string } | undefined;

  const addBlock = (n: number, kind: BlockKind, text: string) => {
    if (!item) throw malformed(n, 'text before the first article; start an article with `## Title`.', 'md-before-article');
    if (item.entryOnly) throw malformed(n, '`@entry` stands for an article that is not in the issue, so it has no text.', 'md-entry-text');
    const onlyTitleSoFar = item.blocks.every((b) => b.kind === 'kicker' || b.kind === 'title');
    // A kicker is printed above the title, so it goes before the title block.
    if (kind === 'kicker' && onlyTitleSoFar) item.blocks.splice(item.blocks.length - 1, 0, { kind, text });
    else item.blocks.push({ kind, text });
  };
  const openItem = (n: number, title: string, entryOnly: boolean) => {
    if (!title) throw malformed(n, `an ${entryOnly ? '`@entry`' : 'article heading'} needs a title.`, 'md-title');
    item = { line: n, title, entryOnly, section, data: {}, blocks: entryOnly ? [] : [{ kind: 'title', text: title }] };
    items.push(item);
  };

  for (let i = start; i < lines.length; i++) {
    const n = i + 1;
    const line = (lines[i] ?? '').trim();
    if (!line) {
      paragraph = undefined;
      continue;
    }
    const heading = /^(#{1,6})(?:\s+(.*))?$/.exec(line);
    const directive = /^@([a-z]+)(?:\s+(.*))?$/.exec(line);
    if (heading) {
      paragraph = undefined;
      const level = (heading[1] ?? '').length;
      const text = (heading[2] ?? '').replace(/\s+#+$/, '').trim();
      if (level === 1) {
        if (!text) throw malformed(n, 'a section heading needs a title.', 'md-section-title');
        const known = sections.indexOf(text);
        section = known >= 0 ? known : sections.push(text) - 1;
        item = undefined;
      } else if (level === 2) openItem(n, text, false);
      else addBlock(n, 'heading', text);
    } else if (directive) {
      paragraph = undefined;
      const name = directive[1] ?? '';
      const value = (directive[2] ?? '').trim();
      if (name === 'entry') openItem(n, value, true);
      else if ((BLOCK_DIRECTIVES as readonly string[]).includes(name)) addBlock(n, name as BlockKind, value);
      else if ((DATA_DIRECTIVES as readonly string[]).includes(name)) {
        if (!item) throw malformed(n, `@${name} must follow an article heading (\`## Title\`).`, 'md-directive-place', `@${name}`);
        if (name === 'page' && !/^\d{1,5}$/.test(value)) throw malformed(n, `@page needs a page number, not "${value}".`, 'md-page', value);
        item.data[name as DataKey] = value;
      } else {
        throw malformed(n, `unknown directive @${name}; write \\@ for a paragraph that starts with @.`, 'md-directive', `@${name}`);
      }
    } else {
      const text = line.startsWith('\\') ? line.slice(1) : line;
      if (paragraph) paragraph.text = joinLines(paragraph.text, text);
      else {
        addBlock(n, 'paragraph', text);
        paragraph = item!.blocks[item!.blocks.length - 1]!;
      }
    }
  }
  return { sections, items };
}

export function parseMarkdown(text: string, source: IssueSource): Issue {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const front = readFrontMatter(lines);
  const { sections: titles, items } = readBody(lines, front.bodyStart);

  const sectionIds = new Set<string>();
  const sections: Section[] = titles.map((t) => ({ id: makeSectionId(t, sectionIds), title: t, entries: [] }));
  const entryIds = new Set<string>();
  const articleIds = new Set<string>();
  const articles: Article[] = [];
  const entries: Array<{ section: Section; entry: TocEntry; item: Item }> = [];

  for (const item of items) {
    const section = item.section === null ? undefined : sections[item.section];
    if (!section && (item.entryOnly || item.data.toc !== undefined)) {
      throw malformed(item.line, `"${item.title}" is a contents entry, so it must come after a \`# Section\` heading.`, 'md-entry-section', item.title);
    }
    if (item.entryOnly || (section && item.data.unlisted === undefined)) {
      const entry: TocEntry = { id: '', title: item.data.toc ?? item.title, articleId: null };
      if (item.data.author) entry.author = item.data.author;
      if (item.data.page !== undefined) entry.page = Number(item.data.page);
      if (item.data.group) entry.group = item.data.group;
      entries.push({ section: section!, entry, item });
    }
  }
  // Entry ids follow contents order (sections, then entries), as the text parser numbers them.
  for (const section of sections) {
    for (const e of entries) if (e.section === section) section.entries.push(e.entry);
  }
  sections.flatMap((s) => s.entries).forEach((entry, i) => {
    entry.id = makeEntryId(i, entry.title, entryIds);
  });

  for (const item of items) {
    if (item.entryOnly) continue;
    const id = makeArticleId(item.title, articleIds);
    const blocks: Block[] = item.blocks.map((b, i) => ({ id: makeBlockId(id, i), kind: b.kind, text: b.text }));
    const linked = entries.find((e) => e.item === item)?.entry;
    if (linked) linked.articleId = id;
    const article: Article = {
      id,
      title: item.title,
      sectionId: item.section === null ? null : (sections[item.section]?.id ?? null),
      tocEntryId: linked?.id ?? null,
      titleMismatch: linked ? titleMismatch(linked.title, blocks) : false,
      blocks,
    };
    if (item.data.group) article.group = item.data.group;
    if (linked) article.tocTitle = linked.title;
    if (item.data.page !== undefined) article.page = Number(item.data.page);
    articles.push(article);
  }

  return {
    format: ISSUE_FORMAT,
    version: ISSUE_VERSION,
    id: `i${hashString(text)}`,
    title: front.title ?? front.masthead.issueLabel ?? source.name.replace(/\.[^.]+$/, ''),
    language: front.language ?? languageOf(articles.flatMap((a) => a.blocks.map((b) => b.text)).join('\n')),
    masthead: front.masthead,
    sections,
    articles,
    source: { ...source, format: 'markdown' },
  };
}

/** A paragraph line that would otherwise read as a heading, a directive or an escape. */
function escapeParagraph(text: string): string {
  return /^[#@\\]/.test(text) ? `\\${text}` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function blockLine(block: Block): string {
  const text = oneLine(block.text);
  if (block.kind === 'paragraph') return escapeParagraph(text);
  if (block.kind === 'heading') return `### ${text}`;
  if (block.kind === 'title') return `## ${text}`;
  return `@${block.kind} ${text}`;
}

function dataLines(data: Array<[string, string | number | undefined]>): string[] {
  return data.filter(([, v]) => v !== undefined).map(([k, v]) => `@${k} ${v}`);
}

export function toMarkdown(issue: Issue): string {
  const out: string[] = writeFrontMatter(issue);
  const entryById = new Map(issue.sections.flatMap((s) => s.entries.map((e) => [e.id, e] as const)));
  const done = new Set<string>();
  let current: Section | null = null;
  const visited = new Set<string>();

  const flushOrphans = (section: Section | null, upTo?: string) => {
    if (!section) return;
    for (const e of section.entries) {
      if (e.id === upTo) return;
      if (done.has(e.id)) continue;
      done.add(e.id);
      if (e.articleId !== null && issue.articles.some((a) => a.id === e.articleId)) continue;
      out.push('', `@entry ${oneLine(e.title)}`, ...dataLines([['page', e.page], ['author', e.author], ['group', e.group]]));
    }
  };
  const openSection = (section: Section) => {
    flushOrphans(current);
    for (const s of issue.sections) {
      if (s === section) break;
      if (visited.has(s.id) || issue.articles.some((a) => a.sectionId === s.id)) continue;
      visited.add(s.id);
      out.push('', `# ${s.title}`);
      flushOrphans(s);
    }
    if (current !== section) out.push('', `# ${section.title}`);
    visited.add(section.id);
    current = section;
  };

  for (const article of issue.articles) {
    const section = issue.sections.find((s) => s.id === article.sectionId) ?? null;
    if (section && section !== current) openSection(section);
    const entry = article.tocEntryId ? entryById.get(article.tocEntryId) : undefined;
    if (entry) {
      flushOrphans(current, entry.id);
      done.add(entry.id);
    }
    const title = article.blocks.find((b) => b.kind === 'title');
    const first = title ? article.blocks.indexOf(title) : -1;
    const kickers = article.blocks.slice(0, Math.max(first, 0)).filter((b) => b.kind === 'kicker');
    const rest = article.blocks.filter((b) => b !== title && !kickers.includes(b));
    out.push('', `## ${oneLine(article.title)}`, ...kickers.map(blockLine));
    out.push(
      ...dataLines([
        ['page', article.page],
        ['toc', entry && entry.title !== article.title ? oneLine(entry.title) : undefined],
        ['author', entry?.author],
        ['group', article.group ?? entry?.group],
        ['unlisted', section && !entry ? '' : undefined],
      ]),
    );
    for (const block of rest) out.push('', blockLine(block));
  }
  flushOrphans(current);
  for (const s of issue.sections) {
    if (visited.has(s.id)) continue;
    out.push('', `# ${s.title}`);
    flushOrphans(s);
  }
  return `${out.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
