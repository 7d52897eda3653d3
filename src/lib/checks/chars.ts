// Character classes the checks share, by UTF-16 code unit (astral CJK is rare in the text and is
// handled where it matters, in the traditional-character check).

/** Han ideographs: CJK Unified (with Extension A) and the compatibility block. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isHanCode(ch.charCodeAt(0));
}

/** Han text or the full-width punctuation that only appears in it. */
export function isCjkContext(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return isHanCode(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || '“”‘’…—'.includes(ch);
}

const NUMERALS = new Set('〇零一二三四五六七八九十百千万亿两');

/** Chinese numerals: a difference in one of them is a different number, not a typo. */
export function isHanNumeral(ch: string | undefined): boolean {
  return ch !== undefined && NUMERALS.has(ch);
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z\u00c0-\u024f]$/.test(ch);
}

/** Han characters count one each, other letters and digits a third: how much text a span holds. */
export function textWeight(s: string): number {
  let han = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHanCode(c)) han++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) other++;
    else if (c >= 0x30 && c <= 0x39) other++;
  }
  return han + other / 3;
}
