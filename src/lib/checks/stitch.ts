// Text lost or doubled at a page or column break. A stitch the parser made (a block's `joins`) is
// suspect when the two sides do not belong together: the junction is printed nowhere else, and the
// words before it (or after it) are printed once more in the same article, where they continue
// differently — the column was set twice or its end was lost. A paragraph that opens with a stray
// fragment repeating the end of the paragraph before (…纽带。 / 带，将…) is the same accident at a
// paragraph break.

import type { Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { isHan, textWeight } from './chars.ts';
import { cite, makeFinding } from './finding.ts';
import { issueIndex, type IssueIndex, type Slot } from './issue-index.ts';

const ID = 'stitch';
/** How much of one side must reappear (Han characters; Latin letters count a third). */
const MIN_SIDE = 10;
const MAX_SIDE = 80;

/**
 * The longest stretch ending at (dir -1) or starting at (dir 1) issue offset `pos`, inside the
 * block, that is printed exactly once more, in the same article, and goes on differently there.
 */
function reappearing(index: IssueIndex, slot: Slot, pos: number, dir: -1 | 1): { text: string; other: number } | null {
  const t = index.text;
  const limit = dir < 0 ? pos - slot.start : slot.start + slot.block.text.length - pos;
  let best: { text: string; other: number } | null = null;
  for (let len = 4; len <= Math.min(limit, MAX_SIDE); len++) {
    const from = dir < 0 ? pos - len : pos;
    const s = t.slice(from, from + len);
    const at = index.occurrences(s);
    if (at.length < 2) break;
    if (at.length > 2) continue;
    const other = at[0] === from ? at[1]! : at[0]!;
    if (index.slotAt(other).article !== slot.article) break;
    const differs = dir < 0 ? t[other + len] !== t[pos] : t[other - 1] !== t[pos - 1];
    if (differs) best = { text: s, other };
  }
  return best && textWeight(best.text) >= MIN_SIDE ? best : null;
}

function stitchFindings(index: IssueIndex, slot: Slot): Finding[] {
  const out: Finding[] = [];
  const { block } = slot;
  for (const join of block.joins ?? []) {
    if (join.at < 2 || join.at + 2 > block.text.length) continue;
    const pos = slot.start + join.at;
    // A junction that reads as printed elsewhere (收|音机 where 收音机 is printed) joins right.
    if (index.count(index.text.slice(pos - 2, pos + 1)) > 1 || index.count(index.text.slice(pos - 1, pos + 2)) > 1) continue;
    const left = reappearing(index, slot, pos, -1);
    const right = left ? null : reappearing(index, slot, pos, 1);
    const side = left ?? right;
    if (!side) continue;
    const elsewhere = left
      ? index.text.slice(side.other + side.text.length, side.other + side.text.length + 4)
      : index.text.slice(Math.max(0, side.other - 4), side.other);
    const start = Math.max(0, join.at - 4);
    const end = Math.min(block.text.length, join.at + 4);
    const tail = left ? side.text.slice(-6) : side.text.slice(0, 6);
    out.push(
      makeFinding(ID, slot.article.id, block, start, end, {
        category: 'layout',
        message: left
          ? { zh: `接排处前后不衔接：${cite(tail)}在本文别处接${cite(elsewhere)}，疑有文字重排或丢失`, en: `The stitch does not join: ${cite(tail)} continues as ${cite(elsewhere)} elsewhere in this article; text set twice or lost` }
          : { zh: `接排处前后不衔接：${cite(tail)}在本文别处前接${cite(elsewhere)}，疑有文字重排或丢失`, en: `The stitch does not join: ${cite(tail)} follows ${cite(elsewhere)} elsewhere in this article; text set twice or lost` },
      }),
    );
  }
  return out;
}

const FRAGMENT = /^([\u3400-\u9fff]{1,3})[，、；]/u;

/** A paragraph opening with one to three characters that repeat the end of the paragraph before. */
function fragmentFinding(articleId: string, prev: Block | undefined, block: Block): Finding | null {
  if (!prev || prev.kind !== 'paragraph' || block.kind !== 'paragraph') return null;
  const m = FRAGMENT.exec(block.text);
  if (!m) return null;
  const frag = m[1]!;
  const end = prev.text.replace(/[。！？!?”’」』）)]+$/u, '');
  if (end === prev.text || !end.endsWith(frag) || !isHan(end[end.length - frag.length - 1])) return null;
  return makeFinding(ID, articleId, block, 0, m[0].length, {
    category: 'layout',
    message: {
      zh: `段首${cite(m[0])}重复上段末尾的${cite(frag)}，疑为分栏处文字错接`,
      en: `The paragraph opens with ${cite(m[0])}, repeating the end of the one before: a broken column join`,
    },
  });
}

export const stitch: Check = {
  id: ID,
  label: { zh: '接排错误', en: 'Broken stitches' },
  run(issue) {
    const index = issueIndex(issue);
    const out: Finding[] = [];
    for (const slot of index.slots) {
      if (slot.block.joins?.length) out.push(...stitchFindings(index, slot));
      const f = fragmentFinding(slot.article.id, slot.article.blocks[slot.blockIndex - 1], slot.block);
      if (f) out.push(f);
    }
    return out;
  },
};
