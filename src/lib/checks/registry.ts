// Every check, in the order their findings win a tie, and runChecks: all enabled checks over one
// issue, findings in reading order (article, block, offset), one finding where two checks flag the
// same span the same way. Adding a check is adding its file and one line here.

import type { Issue } from '../issue/types.ts';
import type { Check, CheckOptions, Finding } from './types.ts';
import { contentsTitle } from './contents-title.ts';
import { traditional } from './traditional.ts';
import { doubled } from './doubled.ts';
import { duplicate } from './duplicate.ts';
import { stitch } from './stitch.ts';
import { termVariant } from './term-variant.ts';
import { nameVariant } from './name-variant.ts';
import { pairedMarks } from './paired-marks.ts';
import { halfWidth } from './half-width.ts';
import { punctuation } from './punctuation.ts';
import { dates } from './dates.ts';
import { numberForms } from './number-forms.ts';
import { houseList } from './house-list.ts';

export const CHECKS: readonly Check[] = [
  contentsTitle,
  traditional,
  houseList,
  doubled,
  termVariant,
  nameVariant,
  duplicate,
  stitch,
  pairedMarks,
  halfWidth,
  punctuation,
  dates,
  numberForms,
];

export function runChecks(issue: Issue, options: CheckOptions = {}): Finding[] {
  const disabled = new Set(options.disabled ?? []);
  const articleOrder = new Map(issue.articles.map((a, i) => [a.id, i]));
  const blockOrder = new Map<string, number>();
  for (const a of issue.articles) a.blocks.forEach((b, i) => blockOrder.set(b.id, i));
  const rank = new Map(CHECKS.map((c, i) => [c.id, i]));

  const all = CHECKS.filter((c) => !disabled.has(c.id)).flatMap((c) => c.run(issue, options));
  all.sort(
    (a, b) =>
      (articleOrder.get(a.articleId) ?? 0) - (articleOrder.get(b.articleId) ?? 0) ||
      (blockOrder.get(a.blockId) ?? 0) - (blockOrder.get(b.blockId) ?? 0) ||
      a.start - b.start ||
      a.end - b.end ||
      (rank.get(a.check) ?? 0) - (rank.get(b.check) ?? 0),
  );
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.blockId}\u0000${f.start}\u0000${f.end}\u0000${f.suggestion ? `${f.suggestion.op}:${f.suggestion.text}` : `-${f.category}`}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
