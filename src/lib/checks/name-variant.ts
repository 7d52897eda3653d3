// Names from the masthead, the bylines and the contents printed differently in the body: one
// character of the given name of a three- or four-character Chinese name changed (王敬斋 →
// 王敬齐), or one letter of one word of a Latin name, printed once, in an article that prints the
// name right too — without that, it is as likely another person (吴晓军 is not 吴建军). Two-character
// names are too short to tell from ordinary words, and a changed surname from a different person.

import type { Article, Issue } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { isHanNumeral } from './chars.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { issueIndex, type IssueIndex } from './issue-index.ts';

const ID = 'name-variant';

type Source = 'masthead' | 'byline' | 'contents';

const WHERE: Record<Source, { zh: string; en: string }> = {
  masthead: { zh: '编委会名单', en: 'the masthead' },
  byline: { zh: '署名', en: 'the byline' },
  contents: { zh: '目录', en: 'the contents' },
};

const HAN_NAME = /^[\u4e00-\u9fff]{3,4}$/u;
const LATIN_NAME = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)+$/u;

function splitNames(text: string): string[] {
  const t = text
    .trim()
    .replace(/^[□■◆●◇○]\s*/u, '')
    .replace(/^(?:文|文\/图|图\/文|记者|作者|通讯员|本刊记者)\s*[/:：|｜]?\s*/u, '')
    .replace(/^By\s+/iu, '');
  if (/[A-Za-z]/.test(t)) return t.split(/\s*(?:,|;|\band\b|&)\s*/u).map((s) => s.trim()).filter(Boolean);
  return t.split(/[\s\u3000、，,;；/]+/u).filter(Boolean);
}

function namesOf(issue: Issue): Map<string, Source> {
  const names = new Map<string, Source>();
  const add = (name: string, source: Source) => {
    if ((HAN_NAME.test(name) || LATIN_NAME.test(name)) && !names.has(name)) names.set(name, source);
  };
  for (const member of issue.masthead.board) for (const n of member.names) add(n.trim(), 'masthead');
  for (const a of issue.articles) for (const b of a.blocks) if (b.kind === 'byline') for (const n of splitNames(b.text)) add(n, 'byline');
  for (const s of issue.sections) for (const e of s.entries) if (e.author) for (const n of splitNames(e.author)) add(n, 'contents');
  return names;
}

const printedIn = (article: Article, name: string): boolean => article.blocks.some((b) => b.text.includes(name));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Variants of a Han name: one character of the given name changed, printed once, never a known name. */
function hanVariants(index: IssueIndex, name: string, names: Map<string, Source>): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = [];
  for (let k = 1; k < name.length; k++) {
    const re = new RegExp(`${escape(name.slice(0, k))}([\\u4e00-\\u9fff])${escape(name.slice(k + 1))}`, 'gu');
    for (const m of index.text.matchAll(re)) {
      const ch = m[1]!;
      if (ch === name[k] || isHanNumeral(ch) || names.has(m[0]) || index.count(m[0]) > 1) continue;
      out.push({ at: m.index, text: m[0] });
    }
  }
  return out;
}

function editDistanceOne(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function latinVariants(index: IssueIndex, name: string, names: Map<string, Source>): Array<{ at: number; text: string }> {
  const words = name.split(' ');
  const out: Array<{ at: number; text: string }> = [];
  words.forEach((word, k) => {
    if (word.length < 3) return;
    const before = words.slice(0, k).map(escape).join(' +');
    const after = words.slice(k + 1).map(escape).join(' +');
    const re = new RegExp(`(?<![\\p{L}])${before}${before ? ' +' : ''}(\\p{Lu}[\\p{L}'’-]+)${after ? ' +' : ''}${after}(?![\\p{L}])`, 'gu');
    for (const m of index.text.matchAll(re)) {
      // Counted as a whole name: Margaret Owen is not counted inside Margaret Owens.
      const printed = [...index.text.matchAll(new RegExp(`(?<![\\p{L}])${escape(m[0])}(?![\\p{L}])`, 'gu'))].length;
      if (m[1] === word || !editDistanceOne(m[1]!, word) || names.has(m[0]) || printed > 1) continue;
      out.push({ at: m.index, text: m[0] });
    }
  });
  return out;
}

export const nameVariant: Check = {
  id: ID,
  label: { zh: '人名前后不一', en: 'Inconsistent names' },
  run(issue) {
    const index = issueIndex(issue);
    const names = namesOf(issue);
    const out: Finding[] = [];
    for (const [name, source] of names) {
      const variants = HAN_NAME.test(name) ? hanVariants(index, name, names) : latinVariants(index, name, names);
      for (const v of variants) {
        const slot = index.slotAt(v.at);
        const start = v.at - slot.start;
        if (slot.block.kind === 'byline' || !printedIn(slot.article, name)) continue;
        out.push(
          makeFinding(ID, slot.article.id, slot.block, start, start + v.text.length, {
            category: 'fact',
            suggestion: replaceWith(name),
            message: {
              zh: `${cite(v.text)}与${WHERE[source].zh}中的${cite(name)}不一致`,
              en: `${cite(v.text)} differs from ${cite(name)} in ${WHERE[source].en}`,
            },
          }),
        );
      }
    }
    return out;
  },
};
