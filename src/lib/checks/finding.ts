// Building findings: the quote is cut from the block, the id is a hash of what the finding points
// at, so the same issue gives the same ids in every run, on every machine.

import { hashString } from '../issue/ids.ts';
import type { Block } from '../issue/types.ts';
import type { Category, Finding, Message, Suggestion } from './types.ts';

export interface Draft {
  category: Category;
  message: Message;
  suggestion?: Suggestion;
  reference?: string;
}

export function findingId(check: string, blockId: string, start: number, end: number, quote: string): string {
  return `f${hashString(`${check}\u0000${blockId}\u0000${start}\u0000${end}\u0000${quote}`)}`;
}

export function makeFinding(check: string, articleId: string, block: Block, start: number, end: number, draft: Draft): Finding {
  const quote = block.text.slice(start, end);
  return {
    id: findingId(check, block.id, start, end, quote),
    check,
    articleId,
    blockId: block.id,
    start,
    end,
    quote,
    ...(draft.suggestion ? { suggestion: draft.suggestion } : {}),
    category: draft.category,
    message: draft.message,
    ...(draft.reference ? { reference: draft.reference } : {}),
  };
}

/** A quoted piece of text for a message: “…”, shortened in the middle when long. */
export function cite(text: string, max = 16): string {
  const chars = [...text];
  const shown = chars.length <= max ? text : `${chars.slice(0, max - 6).join('')}…${chars.slice(-5).join('')}`;
  return `“${shown}”`;
}

export const replaceWith = (text: string): Suggestion => ({ op: 'replace', text });
export const deletion: Suggestion = { op: 'delete', text: '' };

/**
 * One finding for a mistake an article repeats (`min` times or more): the first, its message
 * saying how many there are. An article that sets every bracket half-width needs one instruction
 * to the typesetter, not twenty notes.
 */
export function collapseRepeats(findings: Finding[], key: (f: Finding) => string, min = 3): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.articleId}\u0000${key(f)}`;
    const group = groups.get(k);
    if (group) group.push(f);
    else groups.set(k, [f]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < min) {
      out.push(...group);
      continue;
    }
    const first = group[0]!;
    out.push({
      ...first,
      message: { zh: `${first.message.zh}（本文共${group.length}处，宜统改）`, en: `${first.message.en} (${group.length} times in this article)` },
    });
  }
  return out;
}
