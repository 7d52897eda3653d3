// Changes to the masthead (本刊编委会, publisher, permit, address, contacts…): one 'masthead' change
// per field whose value changed beyond whitespace, one per board role whose names changed (or
// that was added or removed), and one for the lines the parser kept unnamed.
//
//   mastheadChanges(oldIssue, newIssue) → Change[] (context: [field name, board role or ''])

import type { Issue, Masthead } from '../issue/types.ts';
import type { Change } from './types.ts';

const FIELDS = ['issueLabel', 'publisher', 'permit', 'department', 'address', 'email', 'phone', 'postcode'] as const;

const tidy = (s: unknown): string => (typeof s === 'string' ? s.replace(/[\s\u3000]+/g, ' ').trim() : '');
const names = (m: { names?: unknown }): string => (Array.isArray(m.names) ? m.names.map(tidy).filter(Boolean).join(' ') : '');

function make(field: string, role: string, before: string, after: string): Change {
  return {
    kind: 'masthead',
    oldArticleId: null,
    newArticleId: null,
    before,
    after,
    context: [field, role],
    target: null,
    oldTarget: null,
    noted: false,
    noteIds: [],
  };
}

function boardOf(m: Masthead | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const member of Array.isArray(m?.board) ? m.board : []) {
    if (!member) continue;
    const role = tidy(member.role);
    out.set(role, out.has(role) ? `${out.get(role)} ${names(member)}` : names(member));
  }
  return out;
}

export function mastheadChanges(oldIssue: Issue, newIssue: Issue): Change[] {
  const a = oldIssue?.masthead;
  const b = newIssue?.masthead;
  const out: Change[] = [];
  for (const field of FIELDS) {
    const before = tidy(a?.[field]);
    const after = tidy(b?.[field]);
    if (before !== after) out.push(make(field, '', before, after));
  }
  const oldBoard = boardOf(a);
  const newBoard = boardOf(b);
  for (const [role, after] of newBoard) {
    const before = oldBoard.get(role) ?? '';
    if (before !== after) out.push(make('board', role, before, after));
  }
  for (const [role, before] of oldBoard) if (!newBoard.has(role)) out.push(make('board', role, before, ''));
  const lines = (m: Masthead | undefined) => (Array.isArray(m?.other) ? m.other.map(tidy).filter(Boolean).join('\n') : '');
  if (lines(a) !== lines(b)) out.push(make('other', '', lines(a), lines(b)));
  return out;
}
