// Anchoring in Chinese and English: describe a selection, then find it again exactly, moved, edited,
// across blocks, or report it as an orphan.
import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { loadIssue } from '../../src/lib/issue/load.ts';
import type { Article } from '../../src/lib/issue/types.ts';
import { describeRange, findTarget, matchQuote, type Target } from '../../src/lib/anchor/index.ts';

function article(id: string, texts: string[]): Article {
  return {
    id,
    title: texts[0] ?? '',
    sectionId: null,
    tocEntryId: null,
    titleMismatch: false,
    blocks: texts.map((text, i) => ({ id: `${id}.${i}`, kind: i === 0 ? 'title' : 'paragraph', text })),
  };
}

const ZH = [
  '坚守党校初心 努力为党育才为党献策',
  '新华社北京3月1日电 中央党校建校90周年庆祝大会暨2023年春季学期开学典礼1日上午在中央党校举行。',
  '习近平指出，党校初心就是为党育才、为党献策。党校姓党，是党校工作的根本原则。',
  '习近平强调，要坚持以人民为中心的发展思想，推动高质量发展。',
];
const CROSS = ZH[2]!.indexOf('是党校工作');
const EN = [
  'Walking Together on the Path to Modernization',
  'Modernization is a right of all peoples. Each country has its own path to it.',
  'We must stay committed to people-centered development, and promote high-quality growth.',
];

/** Offsets of `quote` in block `index` (first occurrence). */
function select(a: Article, index: number, quote: string): Target {
  const block = a.blocks[index]!;
  const start = block.text.indexOf(quote);
  if (start < 0) throw new Error(`fixture: ${quote} not in block ${index}`);
  const t = describeRange(a, { blockId: block.id, start, endBlockId: block.id, end: start + quote.length });
  if (!t) throw new Error('fixture: describe failed');
  return t;
}

function textOf(a: Article, range: { blockId: string; start: number; endBlockId: string; end: number }): string {
  const ids = a.blocks.map((b) => b.id);
  const i = ids.indexOf(range.blockId);
  const j = ids.indexOf(range.endBlockId);
  if (i === j) return a.blocks[i]!.text.slice(range.start, range.end);
  const parts = [a.blocks[i]!.text.slice(range.start)];
  for (let k = i + 1; k < j; k++) parts.push(a.blocks[k]!.text);
  parts.push(a.blocks[j]!.text.slice(0, range.end));
  return parts.join('\n');
}

describe('describeRange', () => {
  it('keeps the quote and 32 characters of context that may cross blocks', () => {
    const a = article('a1', ZH);
    const t = select(a, 2, '党校初心');
    expect(t).toMatchObject({ articleId: 'a1', blockId: 'a1.2', start: 6, endBlockId: 'a1.2', end: 10, quote: '党校初心' });
    expect(t.prefix).toHaveLength(32);
    expect(t.prefix.endsWith('举行。\n习近平指出，')).toBe(true);
    expect(t.suffix).toBe(`${ZH[2]!.slice(10)}\n${ZH[3]!}`.slice(0, 32));
    expect(t.suffix.endsWith('\n习近平')).toBe(true);
  });

  it('quotes a selection across paragraphs with a newline between blocks', () => {
    const a = article('a1', ZH);
    const t = describeRange(a, { blockId: 'a1.2', start: CROSS, endBlockId: 'a1.3', end: 5 });
    expect(t?.quote).toBe('是党校工作的根本原则。\n习近平强调');
  });

  it('refuses ranges outside the article or backwards', () => {
    const a = article('a1', ZH);
    expect(describeRange(a, { blockId: 'zz.1', start: 0, endBlockId: 'zz.1', end: 1 })).toBeNull();
    expect(describeRange(a, { blockId: 'a1.1', start: 0, endBlockId: 'a1.1', end: 999 })).toBeNull();
    expect(describeRange(a, { blockId: 'a1.3', start: 0, endBlockId: 'a1.2', end: 3 })).toBeNull();
    expect(describeRange(a, { blockId: 'a1.1', start: 5, endBlockId: 'a1.1', end: 2 })).toBeNull();
  });
});

describe('findTarget', () => {
  for (const [lang, texts, index, quote] of [
    ['Chinese', ZH, 3, '高质量发展'],
    ['English', EN, 2, 'high-quality growth'],
  ] as const) {
    describe(lang, () => {
      it('finds an unchanged text exactly at its offsets', () => {
        const a = article('a', [...texts]);
        const t = select(a, index, quote);
        expect(findTarget(a, t)).toEqual({ strategy: 'exact', range: { blockId: t.blockId, start: t.start, endBlockId: t.endBlockId, end: t.end }, score: 1 });
      });

      it('finds the quote again in its block after text was inserted before it', () => {
        const a = article('a', [...texts]);
        const t = select(a, index, quote);
        const revised = [...texts];
        revised[index] = (lang === 'Chinese' ? '同时，' : 'At the same time, ') + revised[index];
        const b = article('a', revised);
        const found = findTarget(b, t);
        expect(found.strategy).toBe('block');
        expect(textOf(b, found.range!)).toBe(quote);
      });

      it('finds the quote in another block when a paragraph was inserted and block ids shifted', () => {
        const a = article('a', [...texts]);
        const t = select(a, index, quote);
        const revised = [...texts];
        revised.splice(1, 0, lang === 'Chinese' ? '本报讯（记者 王敏）' : 'A new paragraph was added here.');
        const b = article('a', revised);
        const found = findTarget(b, t);
        expect(found.strategy).toBe('article');
        expect(found.range?.blockId).toBe(`a.${index + 1}`);
        expect(textOf(b, found.range!)).toBe(quote);
      });

      it('tolerates a small edit inside the quote', () => {
        const a = article('a', [...texts]);
        const t = select(a, index, quote);
        const revised = [...texts];
        const edited = lang === 'Chinese' ? '高质量的发展' : 'high quality growth';
        revised[index] = revised[index]!.replace(quote, edited);
        const b = article('a', revised);
        const found = findTarget(b, t);
        expect(found.strategy).toBe('block');
        expect(found.score).toBeLessThan(1);
        expect(textOf(b, found.range!)).toBe(edited);
      });

      it('reports an orphan when the passage is gone', () => {
        const a = article('a', [...texts]);
        const t = select(a, index, quote);
        const revised = texts.filter((_, i) => i !== index);
        expect(findTarget(article('a', revised), t)).toEqual({ strategy: 'orphan', range: null, score: 0 });
      });
    });
  }

  it('finds a selection across blocks after the article changed around it', () => {
    const a = article('a1', ZH);
    const t = describeRange(a, { blockId: 'a1.2', start: CROSS, endBlockId: 'a1.3', end: 5 })!;
    const revised = [ZH[0]!, '（本报记者）', ZH[1]!, ZH[2]!, ZH[3]!];
    const b = article('a1', revised);
    const found = findTarget(b, t);
    expect(found.strategy).toBe('article');
    expect(found.range).toMatchObject({ blockId: 'a1.3', start: CROSS, endBlockId: 'a1.4', end: 5 });
    expect(textOf(b, found.range!)).toBe(t.quote);
  });

  it('prefers an exact match elsewhere in the article to a fuzzy one in the block that now has its id', () => {
    const a = article('e', ['T', 'Alpha paragraph about high-quality grow.', 'Beta: high-quality growth matters.']);
    const t = select(a, 2, 'high-quality growth');
    const b = article('e', ['T', 'New.', 'Alpha paragraph about high-quality grow.', 'Beta: high-quality growth matters.']);
    const found = findTarget(b, t);
    expect(found.strategy).toBe('article');
    expect(found.range).toMatchObject({ blockId: 'e.3', endBlockId: 'e.3' });
    expect(textOf(b, found.range!)).toBe('high-quality growth');
  });

  it('follows the context, not the block id, when a common word also sits in the block that now has its id', () => {
    const a = article('e', ['T', 'First: the cat sat on the mat.', 'Second: the cat ran away.']);
    const t = select(a, 2, 'cat');
    const b = article('e', ['T', 'New.', 'First: the cat sat on the mat.', 'Second: the cat ran away.']);
    const found = findTarget(b, t);
    expect(found.strategy).toBe('article');
    expect(found.range).toMatchObject({ blockId: 'e.3', start: 12, end: 15 });
  });

  it('picks the occurrence whose context matches when the quote repeats', () => {
    const a = article('a1', ZH);
    const second = ZH[2]!.indexOf('党校', 10);
    const t = describeRange(a, { blockId: 'a1.2', start: second, endBlockId: 'a1.2', end: second + 2 })!;
    const revised = [...ZH];
    revised[2] = '今天，' + revised[2];
    const found = findTarget(article('a1', revised), t);
    expect(found.strategy).toBe('block');
    expect(found.range?.start).toBe(second + 3);
  });

  it('does not invent a fuzzy match for a very short quote', () => {
    const a = article('a1', ZH);
    const t = select(a, 2, '姓党');
    const revised = [...ZH];
    revised[2] = revised[2]!.replace('姓党', '姓X');
    expect(findTarget(article('a1', revised), t).strategy).toBe('orphan');
  });

  it('finds an insertion point (empty quote) by its context', () => {
    const a = article('a1', EN);
    const at = EN[1]!.indexOf(' Each');
    const t = describeRange(a, { blockId: 'a1.1', start: at, endBlockId: 'a1.1', end: at })!;
    expect(t.quote).toBe('');
    expect(findTarget(a, t).strategy).toBe('exact');
    const b = article('a1', [EN[0]!, 'Preface. ' + EN[1]!, EN[2]!]);
    const found = findTarget(b, t);
    expect(found.strategy).toBe('block');
    expect(found.range?.start).toBe(at + 'Preface. '.length);
  });

  it('reports an orphan when the article has none of its blocks', () => {
    const t = select(article('a1', ZH), 3, '高质量发展');
    expect(findTarget(article('a1', []), t).strategy).toBe('orphan');
  });
});

describe('matchQuote', () => {
  it('prefers context and position over the first occurrence', () => {
    const text = 'the cat sat. the cat ran. the cat hid.';
    expect(matchQuote(text, 'cat', { prefix: 'ran. the ', suffix: ' hid' })?.start).toBe(30);
    expect(matchQuote(text, 'cat', { hint: 17 })?.start).toBe(17);
  });

  it('allows about one error per four characters and no more', () => {
    expect(matchQuote('为党育才、为党献策', '为党育材、为党献策')?.errors).toBe(1);
    expect(matchQuote('为党育才、为党献策', '为X育材、Y党献Z')).toBeNull();
  });
});

describe('on the sample issue', () => {
  const issue = loadIssue(new Uint8Array(readFileSync('static/sample-issue.txt')), 'sample-issue.txt');
  const articles = issue.articles.filter((a) => a.blocks.length >= 3);
  const gen = prng.create(2023);
  const picks = Array.from({ length: 300 }, () => {
    const a = prng.oneOf(gen, articles);
    const i = prng.int32(gen, 1, a.blocks.length - 1);
    const text = a.blocks[i]!.text;
    const start = prng.int32(gen, 0, Math.max(0, text.length - 2));
    const end = Math.min(text.length, start + prng.int32(gen, 2, 24));
    // Crossing selections start in an odd block, so the revision below leaves their end block alone.
    const crossing = prng.int32(gen, 0, 4) === 0 && i % 2 === 1 && i + 1 < a.blocks.length;
    const range = crossing
      ? { blockId: a.blocks[i]!.id, start, endBlockId: a.blocks[i + 1]!.id, end: Math.min(3, a.blocks[i + 1]!.text.length) }
      : { blockId: a.blocks[i]!.id, start, endBlockId: a.blocks[i]!.id, end };
    return { article: a, target: describeRange(a, range)! };
  });

  it('finds 300 random passages exactly where they were', () => {
    expect(picks.filter((p) => p.target.blockId !== p.target.endBlockId).length).toBeGreaterThan(5);
    for (const { article: a, target } of picks) expect(findTarget(a, target).strategy).toBe('exact');
  });

  it('finds every one again, with its own text, after a paragraph is inserted and sentences are added', () => {
    // Blocks at odd positions get words added in front; a paragraph is inserted after the title.
    const revise = (a: Article): Article =>
      article(a.id, [a.blocks[0]!.text, '（本刊讯）', ...a.blocks.slice(1).map((b, i) => (i % 2 ? b.text : `据悉，${b.text}`))]);
    const revised = new Map(articles.map((a) => [a.id, revise(a)]));
    for (const { article: a, target } of picks) {
      const b = revised.get(a.id)!;
      const found = findTarget(b, target);
      expect(found.strategy, target.quote).not.toBe('orphan');
      expect(textOf(b, found.range!), target.quote).toBe(target.quote);
    }
  });
});
