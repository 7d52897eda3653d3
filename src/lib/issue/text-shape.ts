// Character-level judgements the text parser makes about one line: is it CJK, does it end a
// sentence, are its brackets balanced, does it look like a heading, a caption, a source line.

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

/** Whitespace removed: the form in which titles are compared (PDF extraction adds and drops spaces). */
export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function isCjkText(s: string): boolean {
  return CJK.test(s);
}

export function languageOf(text: string): 'zh' | 'en' | 'other' {
  let cjk = 0;
  let latin = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latin++;
  }
  if (cjk === 0 && latin === 0) return 'other';
  if (cjk * 3 >= latin) return 'zh';
  return latin > 0 ? 'en' : 'other';
}

// A paragraph that ends in one of these is complete; anything else was probably cut by a break.
const TERMINAL = /[。！？!?…；;：:”’」』）)》】\]"'.]$/u;

export function endsSentence(s: string): boolean {
  return TERMINAL.test(s.trimEnd());
}

const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['（', '）'],
  ['(', ')'],
  ['《', '》'],
  ['「', '」'],
  ['【', '】'],
];

export function bracketsBalanced(s: string): boolean {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of s) {
      if (ch === open) depth++;
      else if (ch === close) depth--;
    }
    if (depth !== 0) return false;
  }
  return true;
}

const NUMBERED = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]\s*\S|第[一二三四五六七八九十\d]+[章节部分]|[IVX]+\.\s)/u;

export function isNumberedHeading(s: string): boolean {
  return NUMBERED.test(s);
}

/**
 * A short line with no sentence punctuation inside or at its end: an in-article heading.
 * CJK: ≤ 20 characters, or ≤ 30 when numbered (`一、…`, `(一)…`). Latin: ≤ 12 words, capitalised.
 */
export function looksLikeHeading(s: string): boolean {
  const t = s.trim();
  if (!t || endsSentence(t) || /[，,、]$/.test(t)) return false;
  if (!bracketsBalanced(t)) return false;
  if (isCjkText(t)) {
    if (/[。！？；]/.test(t)) return false;
    const n = charLength(squash(t));
    return n <= 20 || (n <= 30 && isNumberedHeading(t));
  }
  const words = t.split(/\s+/);
  return words.length <= 12 && /^[\p{Lu}\d"“‘(]/u.test(t) && !/[.;]\s/.test(t);
}

const CAPTION_END = /(?:摄|供图|图片来源[:：][^。]{0,40}|图[:：]\s*\S{1,20})\s*$/u;
const CAPTION_LATIN = /^(?:photo|picture|image|caption)\s*[:：]|\((?:photo|picture)[^()]{0,80}\)\s*$/iu;

export function looksLikeCaption(s: string): boolean {
  const t = s.trim();
  if (charLength(t) > 160) return false;
  return CAPTION_END.test(t) || CAPTION_LATIN.test(t);
}

export function looksLikeByline(s: string): boolean {
  const t = s.trim();
  if (charLength(t) > 40) return false;
  return /^[□■◆●◇○]\s*\S/u.test(t) || /^(?:文|文\/图|图\/文|记者|作者|通讯员)\s*[\/:：|｜]\s*\S/u.test(t) || /^By\s+\p{Lu}/u.test(t);
}

const SOURCE_TAIL = /[（(]([^（）()]{2,60})[）)]\s*$/u;
const SOURCE_WORD = /来源|《|新华|网|报|社|电|版|客户端|工会|部|室|委|队|局|院|处|办|会|中心|source|from/iu;

/**
 * If the paragraph ends with a source line such as `（来源：新华社北京3月13日电）` or `（西宁市总工会）`,
 * returns the offset where it starts; otherwise -1.
 */
export function sourceLineStart(s: string): number {
  const t = s.trimEnd();
  const m = SOURCE_TAIL.exec(t);
  if (!m || m.index === undefined) return -1;
  const inner = m[1] ?? '';
  if (/[，。；,;]/.test(inner) || !SOURCE_WORD.test(inner)) return -1;
  // A bracket that closes a longer parenthetical in the sentence is not a source line.
  if (m.index > 0 && !/[。！？!?”…．.」』）)》\s]$/u.test(t.slice(0, m.index))) return -1;
  return m.index;
}

/** Dice coefficient over character bigrams, 0…1: how alike two titles are. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let hits = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      hits++;
      grams.set(g, n - 1);
    }
  }
  return (2 * hits) / (a.length - 1 + b.length - 1);
}
