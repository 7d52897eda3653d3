// The contents page and the title printed above the article disagree (the parser's titleMismatch):
// one of the two has a word dropped, added or changed.

import type { Check, Finding } from './types.ts';
import { cite, makeFinding } from './finding.ts';

const ID = 'contents-title';

export const contentsTitle: Check = {
  id: ID,
  label: { zh: '目录与标题', en: 'Contents vs title' },
  run(issue) {
    const out: Finding[] = [];
    for (const article of issue.articles) {
      if (!article.titleMismatch || article.tocTitle === undefined) continue;
      const block = article.blocks.find((b) => b.kind === 'title');
      if (!block || !block.text) continue;
      out.push(
        makeFinding(ID, article.id, block, 0, block.text.length, {
          category: 'layout',
          message: {
            zh: `目录作${cite(article.tocTitle, 40)}，正文标题作${cite(block.text, 40)}，两处不一致`,
            en: `The contents read ${cite(article.tocTitle, 40)}, the printed title ${cite(block.text, 40)}`,
          },
        }),
      );
    }
    return out;
  },
};
