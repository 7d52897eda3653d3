// Reading and writing numbers in Chinese numerals (一 … 九千九百九十九, 二〇二三), for the date and
// number checks: 三十一 → 31, 二〇二三 → 2023.

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral below ten thousand, or digit by digit (二〇二三); NaN if not one. */
export function parseHanNumber(s: string): number {
  if (!s) return NaN;
  if (![...s].some((c) => c in UNITS)) {
    // Digit by digit, as years are written.
    let v = 0;
    for (const c of s) {
      const d = DIGITS[c];
      if (d === undefined) return NaN;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let digit = -1;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c]!;
    else if (c in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[c]!;
      digit = -1;
    } else return NaN;
  }
  return total + (digit < 0 ? 0 : digit);
}
