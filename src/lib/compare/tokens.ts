// The token stream two proofs are compared on: whitespace, line and block breaks dropped, every CJK
// character its own token, a run of letters one word, a run of digits (with , or . between digits:
// 1,000 and 3.5) one number, any other character its own token. Each token keeps its place in the
// text it came from, so a diff of tokens maps back to offsets in either proof.
//
//   tokenize(text, interner) → Tokens {ids, starts, ends}
//   isMark(id) → whether a token is punctuation or a symbol
//   Interner: one per comparison; a one-code-point token's id is its code point, longer tokens get
//   ids above the Unicode range, so equal tokens have equal ids in both proofs.

export interface Tokens {
  ids: Int32Array;
  /** Offset in the text of each token's first code unit, and one past its last. */
  starts: Int32Array;
  ends: Int32Array;
}

export class Interner {
  #ids = new Map<string, number>();
  #next = 0x110000;

  id(token: string): number {
    const cp = token.codePointAt(0);
    if (cp !== undefined && token.length === (cp > 0xffff ? 2 : 1)) return cp;
    let id = this.#ids.get(token);
    if (id === undefined) {
      id = this.#next++;
      this.#ids.set(token, id);
    }
    return id;
  }
}

// Character classes (0 = not yet classified).
type Kind = 0 | 1 | 2 | 3 | 4 | 5;
const Unknown = 0;
const Space = 1;
const Cjk = 2;
const Digit = 3;
const Letter = 4;
const Other = 5;

const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const WHITE = /\s/u;

function classify(cp: number): Kind {
  if (cp <= 0x20 || cp === 0xad || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060) return Space;
  if (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    cp === 0x3005 ||
    cp === 0x3007 ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  ) {
    return Cjk;
  }
  const ch = String.fromCodePoint(cp);
  if (WHITE.test(ch)) return Space;
  if (DIGIT.test(ch)) return Digit;
  if (LETTER.test(ch)) return Letter;
  return Other;
}

// Classes of the Basic Multilingual Plane, filled in as characters are met.
const bmp = new Uint8Array(0x10000);

function kindOf(cp: number): Kind {
  if (cp > 0xffff) return classify(cp);
  let k = bmp[cp]! as Kind;
  if (k === Unknown) bmp[cp] = k = classify(cp);
  return k;
}

function kindAt(text: string, i: number): Kind {
  return i < text.length ? kindOf(text.codePointAt(i)!) : Unknown;
}

const isNumberJoint = (c: number) => c === 0x2c || c === 0x2e; // , .
const isWordJoint = (c: number) => c === 0x27 || c === 0x2019; // ' ’

export function tokenize(text: string, interner: Interner): Tokens {
  const n = text.length;
  const ids = new Int32Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let count = 0;
  let i = 0;
  while (i < n) {
    // The common cases first: a CJK ideograph is a token by itself, an ASCII space is nothing.
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      ids[count] = c;
      starts[count] = i;
      ends[count++] = ++i;
      continue;
    }
    if (c <= 0x20) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    let j = i + width;
    if (kind === Space) {
      i = j;
      continue;
    }
    if (kind === Digit || kind === Letter) {
      const joint = kind === Digit ? isNumberJoint : isWordJoint;
      while (j < n) {
        const next = text.codePointAt(j)!;
        if (kindOf(next) === kind) j += next > 0xffff ? 2 : 1;
        else if (joint(next) && kindAt(text, j + 1) === kind) j += 1;
        else break;
      }
    }
    ids[count] = j - i === width ? cp : interner.id(text.slice(i, j));
    starts[count] = i;
    ends[count] = j;
    count++;
    i = j;
  }
  return { ids: ids.subarray(0, count), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

/** Whether a token id is a single punctuation mark or symbol (not a letter, digit or CJK character). */
export function isMark(id: number): boolean {
  return id < 0x110000 && kindOf(id) === Other;
}

/** Tokens i..j of a stream, sharing its memory. */
export function sliceTokens(t: Tokens, i: number, j: number): Tokens {
  return { ids: t.ids.subarray(i, j), starts: t.starts.subarray(i, j), ends: t.ends.subarray(i, j) };
}

/** Index of the first token that ends after `pos` (the token containing or following it). */
export function tokenAfter(t: Tokens, pos: number): number {
  let lo = 0;
  let hi = t.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.ends[mid]! > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first token that starts at or after `pos`. */
export function tokenFrom(t: Tokens, pos: number): number {
  let lo = 0;
  let hi = t.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.starts[mid]! >= pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The tokens a character range [start, end) touches: [first, end); an empty range is a point before `first`. */
export function tokenSpan(t: Tokens, start: number, end: number): [number, number] {
  const first = tokenAfter(t, start);
  if (end <= start) return [first, first];
  return [first, Math.max(first, tokenFrom(t, end))];
}
