// Doubled characters and words that are not reduplication: 的的, 是是, a word printed twice
// (推动推动), "the the", and a doubled character inside a term the issue prints elsewhere with it
// once (进一一步 where 推进一步 is written elsewhere). Reduplication (常常, 谢谢, 人人, 天天,
// 研究研究) and a word ending in the character the next one starts with (工作作风, 学习习近平,
// 农民工工会) are left alone: only function characters are flagged on sight, everything else needs
// the issue's own evidence.

import type { Block } from '../issue/types.ts';
import type { Check, Finding } from './types.ts';
import { isHan, isHanCode } from './chars.ts';
import { cite, makeFinding, replaceWith } from './finding.ts';
import { issueIndex, type IssueIndex } from './issue-index.ts';

const ID = 'doubled';

/**
 * Function characters that are never doubled on purpose, with the characters that make the pair
 * legitimate: `next` — the second one begins a word (了了解 = 了 + 了解); `prev` — the first one
 * ends a word (目的的 = 目的 + 的).
 */
const FUNCTION_CHARS: Record<string, { next: string; prev: string }> = {
  的: { next: '确', prev: '目标之' },
  了: { next: '解结却断然事如得分', prev: '不时' },
  是: { next: '非否', prev: '于还就但可总只倒硬正真要若凡不老或实' },
  在: { next: '场于乎职岗线内外座', prev: '存现实正自所' },
  和: { next: '平谐睦气美蔼解', prev: '总缓温柔暖饱调' },
  与: { next: '会其否时', prev: '参给赋授' },
  及: { next: '时早格', prev: '以涉普波危顾' },
  对: { next: '方象于比照接待话外口手策面立应称联付', prev: '面反核针相绝比' },
  把: { next: '握关手', prev: '一' },
  被: { next: '告动子', prev: '' },
  从: { next: '事而来前容小此严中头', prev: '服听自盲' },
  向: { next: '往来导前上下心', prev: '方面走动倾意志导' },
  于: { next: '是今', prev: '对关由属等至善便处终基' },
  而: { next: '且已今立', prev: '因从进反然继' },
  并: { next: '非且列购网机车肩存重', prev: '合吞兼' },
  也: { next: '许好', prev: '' },
  就: { next: '是业地近医餐任职读绪诊算', prev: '成造迁' },
  都: { next: '市', prev: '首古国' },
  这: { next: '样些个里种次么', prev: '' },
  那: { next: '样些个里种次么', prev: '' },
  其: { next: '他它中实次余间', prev: '尤与极' },
  之: { next: '前后间外内中所一', prev: '总加换随久' },
  以: { next: '及后前上下来便免为往', prev: '可所难予给足加得' },
  将: { next: '来近军', prev: '即' },
};

/** Two-character words that are never printed twice in a row on purpose. */
const NEVER_TWICE = new Set([
  '我们', '你们', '他们', '她们', '它们', '这个', '那个', '这些', '那些', '因为', '所以', '但是', '而且', '如果',
  '虽然', '可是', '已经', '或者', '以及', '并且', '通过', '进行', '关于', '对于', '根据', '按照', '为了', '就是',
]);

function functionDouble(text: string, i: number): boolean {
  const rule = FUNCTION_CHARS[text[i]!];
  if (!rule) return false;
  return !rule.next.includes(text[i + 2] ?? '') && !rule.prev.includes(text[i - 1] ?? '');
}

/** Removing one of the pair gives a five-character stretch the issue prints elsewhere; doubled, it is printed only here. */
function evidenced(index: IssueIndex, text: string, i: number, unit: number): boolean {
  const left = text.slice(i - 2, i);
  const right = text.slice(i + 2 * unit, i + 2 * unit + 2);
  if (left.length < 2 || right.length < 2 || ![...left, ...right].every(isHan)) return false;
  const single = left + text.slice(i, i + unit) + right;
  const doubled = left + text.slice(i, i + 2 * unit) + right;
  return index.count(single) >= 1 && index.count(doubled) === 1;
}

/** The length (2 to 6) of a stretch of Han characters printed twice in a row at i, or 0. */
function repeatedUnit(text: string, i: number): number {
  for (let unit = 6; unit >= 2; unit--) {
    if (text.charCodeAt(i) !== text.charCodeAt(i + unit)) continue;
    let k = 1;
    while (k < unit && text.charCodeAt(i + k) === text.charCodeAt(i + unit + k)) k++;
    if (k < unit) continue;
    let han = true;
    let varied = false;
    for (k = 0; k < unit && han; k++) {
      han = isHanCode(text.charCodeAt(i + k));
      varied ||= text.charCodeAt(i + k) !== text.charCodeAt(i);
    }
    if (han && varied) return unit;
  }
  return 0;
}

function cjkFindings(index: IssueIndex, articleId: string, block: Block): Finding[] {
  const text = block.text;
  const out: Finding[] = [];
  const flag = (start: number, unit: number, word: boolean) => {
    const quote = text.slice(start, start + 2 * unit);
    out.push(
      makeFinding(ID, articleId, block, start, start + 2 * unit, {
        category: 'typo',
        suggestion: replaceWith(text.slice(start, start + unit)),
        message: word
          ? { zh: `${cite(quote)}：词语重复`, en: `${cite(quote)}: repeated word` }
          : { zh: `${cite(quote)}：重复的字`, en: `${cite(quote)}: doubled character` },
      }),
    );
  };
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    // The fast test: a repeat of any kind starts with this character printed again within six.
    if (text.charCodeAt(i + 1) !== c && text.charCodeAt(i + 2) !== c && text.charCodeAt(i + 3) !== c && text.charCodeAt(i + 4) !== c && text.charCodeAt(i + 5) !== c && text.charCodeAt(i + 6) !== c) continue;
    const ch = text[i]!;
    const unit = repeatedUnit(text, i);
    if (unit >= 3 || (unit === 2 && (NEVER_TWICE.has(text.slice(i, i + 2)) || evidenced(index, text, i, 2)))) {
      flag(i, unit, true);
      i += 2 * unit - 1;
      continue;
    }
    if (text[i + 1] !== ch || text[i + 2] === ch || text[i - 1] === ch) continue;
    if (functionDouble(text, i) || evidenced(index, text, i, 1)) {
      flag(i, 1, false);
      i++;
    }
  }
  return out;
}

const LATIN_DOUBLE = /\b([A-Za-z]+)\s+\1\b/gi;
/** Words English doubles on purpose: had had, that that, what it is is, I do do, bye bye, very very. */
const LATIN_ALLOWED = new Set(['had', 'that', 'is', 'do', 'bye', 'ha', 'no', 'very', 'so', 'knock', 'chop', 'tut', 'sing', 'bora', 'can']);

function latinFindings(articleId: string, block: Block): Finding[] {
  const out: Finding[] = [];
  if (!/[A-Za-z]\s+[A-Za-z]/.test(block.text)) return out;
  for (const m of block.text.matchAll(LATIN_DOUBLE)) {
    const word = m[1]!;
    if (LATIN_ALLOWED.has(word.toLowerCase())) continue;
    const start = m.index;
    out.push(
      makeFinding(ID, articleId, block, start, start + m[0].length, {
        category: 'typo',
        suggestion: replaceWith(word),
        message: { zh: `${cite(m[0])}：单词重复`, en: `${cite(m[0])}: repeated word` },
      }),
    );
  }
  return out;
}

export const doubled: Check = {
  id: ID,
  label: { zh: '重复的字词', en: 'Doubled characters and words' },
  run(issue) {
    const index = issueIndex(issue);
    return issue.articles.flatMap((a) => a.blocks.flatMap((b) => [...cjkFindings(index, a.id, b), ...latinFindings(a.id, b)]));
  },
};
