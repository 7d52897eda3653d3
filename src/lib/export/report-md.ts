// The Markdown report: every note with its replies, grouped by article in reading order (article
// title as heading), notes by position; each with kind, category, status, passage, proposed
// change, author and time, 核红, body and replies. User text is escaped so it cannot add structure.

import { categoryLabel, kindLabel, phrase, statusLabel } from './labels.ts';
import { placeInIssue, snippet, type NotePlace } from './order.ts';
import { displayTime } from './time.ts';
import type { ExportFormat, ExportInput, ExportNote } from './types.ts';
import { changeOf } from './corrections.ts';

/** Inline text: Markdown's punctuation escaped, block breaks shown as ↵. */
export function mdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\r?\n/g, ' ↵ ');
}

/** A line that could start a block (heading, list, quote, rule, setext underline) is escaped at its start. */
function mdLine(line: string): string {
  const escaped = line.replace(/[\\`*_[\]<>|~]/g, '\\$&');
  return escaped.replace(/^(\s*)([#>+=-]|\d+(?=[.)]))/, (_, space: string, mark: string) =>
    /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/** Multi-line user text as lines with hard breaks (trailing backslash), each escaped. */
function mdLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(mdLine);
  return lines.map((l, i) => (i < lines.length - 1 && l.trim() !== '' && lines[i + 1]!.trim() !== '' ? `${l}\\` : l));
}

function noteSection(place: NotePlace, n: number, input: ExportInput): string[] {
  const { note } = place;
  const lang = input.lang;
  const sep = lang === 'en' ? ': ' : '：';
  const out = [`### ${n}. ${[kindLabel(lang, note.kind), categoryLabel(lang, note.category), statusLabel(lang, note.status)].join(' · ')}`, ''];
  out.push(`- ${phrase(lang, 'original')}${sep}${mdInline(snippet(note))}`);
  if (note.kind === 'suggestion' && note.suggestion) out.push(`- ${phrase(lang, 'change')}${sep}${mdInline(changeOf(note, lang))}`);
  let by = `${mdInline(note.author.name)}${lang === 'en' ? ', ' : '，'}${displayTime(note.created, input.timeZone)}`;
  if (note.edited !== null) by += ` ${phrase(lang, 'edited', { time: displayTime(note.edited, input.timeZone) })}`;
  out.push(`- ${phrase(lang, 'by')}${sep}${by}`);
  const check = input.checks?.get(note.id);
  if (check) out.push(`- ${phrase(lang, 'check')}${sep}${mdInline(check)}`);
  if (note.body.trim() !== '') out.push('', ...mdLines(note.body.trim()).map((l) => (l ? `> ${l}` : '>')));
  if (note.replies.length > 0) {
    out.push('', `${phrase(lang, 'replies')}${sep}`, '');
    for (const r of note.replies) {
      const [first = '', ...rest] = mdLines(r.body.trim());
      out.push(`- **${mdInline(r.author.name)}**${lang === 'en' ? ', ' : '，'}${displayTime(r.created, input.timeZone)}${sep}${first}`);
      out.push(...rest.map((l) => (l ? `  ${l}` : '')));
    }
  }
  out.push('');
  return out;
}

export function reportMarkdown(input: ExportInput): string {
  const lang = input.lang;
  const places = placeInIssue<ExportNote>(input.issue, input.notes);
  const out = [`# ${mdInline(phrase(lang, 'reportTitle', { issue: input.issue.title, round: input.round.label }))}`, ''];
  out.push(phrase(lang, 'reportSummary', { count: places.length, time: displayTime(input.now.getTime(), input.timeZone) }), '');
  if (places.length === 0) out.push(phrase(lang, 'noNotes'), '');
  let current: string | null | undefined;
  places.forEach((place, i) => {
    const group = place.article?.id ?? null;
    if (group !== current) {
      current = group;
      const a = place.article;
      const title = !a ? phrase(lang, 'notInIssue') : a.page === undefined ? mdInline(a.title) : phrase(lang, 'articleOnPage', { title: mdInline(a.title), page: a.page });
      out.push(`## ${title}`, '');
    }
    out.push(...noteSection(place, i + 1, input));
  });
  return `${out.join('\n').replace(/[ \t]+$/gm, '').replace(/\n+$/, '')}\n`;
}

export const reportMarkdownFormat: ExportFormat = {
  id: 'report-md',
  label: { 'zh-CN': '审校意见报告（Markdown）', en: 'Review report (Markdown)' },
  extension: 'md',
  mime: 'text/markdown;charset=utf-8',
  produce: (input) => reportMarkdown(input),
};
