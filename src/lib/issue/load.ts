// One entry point from a file's bytes to an Issue, shared by the app's worker and the parse CLI:
// decode, tell the format from the name and the content, dispatch to its parser, record the source.

import { decodeBytes } from './decode.ts';
import { IssueError } from './errors.ts';
import { parseIssueJson } from './issue-json.ts';
import { parseMarkdown } from './markdown.ts';
import { parseText } from './parse-text.ts';
import type { Issue, IssueSource, SourceFormat } from './types.ts';

export interface LoadProgress {
  phase: 'decode' | 'parse';
  fraction: number;
}

/** The extension decides when it is explicit; otherwise the opening of the text does. */
export function detectFormat(text: string, name: string): SourceFormat {
  const ext = /\.([^./\\]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  if (ext === 'json') return 'json';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  const head = text.slice(0, 4000).trimStart();
  if (head.startsWith('{') && /"format"\s*:\s*"proofroom-issue"/.test(head)) return 'json';
  if (/^---[ \t]*\n(?:[ \t]*(?:#.*)?\n)*[ \t]*[A-Za-z][\w.\u3400-\u9fff]*[ \t]*:/.test(head)) return 'markdown';
  if (/^#{1,2}[ \t]+\S/.test(head) && /^##[ \t]+\S/m.test(head)) return 'markdown';
  return 'text';
}

export function loadIssue(bytes: Uint8Array, name: string, onProgress?: (p: LoadProgress) => void): Issue {
  onProgress?.({ phase: 'decode', fraction: 0 });
  const { text, encoding } = decodeBytes(bytes);
  onProgress?.({ phase: 'decode', fraction: 1 });
  const format = detectFormat(text, name);
  const source: IssueSource = { name, bytes: bytes.length, encoding, format };
  onProgress?.({ phase: 'parse', fraction: 0 });
  let issue: Issue;
  if (format === 'json') issue = { ...parseIssueJson(text), source };
  else if (format === 'markdown') issue = parseMarkdown(text, source);
  else issue = parseText(text, source, (fraction) => onProgress?.({ phase: 'parse', fraction }));
  if (issue.articles.length === 0) {
    throw new IssueError('no-content', `No articles found in ${name}: nothing in it reads as a title followed by text.`);
  }
  onProgress?.({ phase: 'parse', fraction: 1 });
  return issue;
}
