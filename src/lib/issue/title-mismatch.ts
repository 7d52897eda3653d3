// Whether the contents title and the title printed above an article differ beyond spacing and dashes.

import type { Block } from './types.ts';
import { squash } from './text-shape.ts';

const bare = (s: string) => squash(s).replace(/[—–-]/g, '');

export function titleMismatch(tocTitle: string, printed: Block[]): boolean {
  const heads = printed.filter((b) => b.kind === 'kicker' || b.kind === 'title' || b.kind === 'subtitle');
  const toc = bare(tocTitle);
  const all = bare(heads.map((b) => b.text).join(''));
  const main = bare(heads.filter((b) => b.kind !== 'subtitle').map((b) => b.text).join(''));
  return toc !== all && toc !== main;
}
