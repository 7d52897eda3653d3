// Offsets in Unicode code points (what the W3C model counts) and in UTF-16 code units (what
// JavaScript strings and our targets count). They differ only past characters outside the BMP
// (e.g. rare hanzi of CJK Extension B), which count 2 units but 1 code point.

/** Code points in `text` before UTF-16 offset `units` (a split surrogate pair counts as its whole character). */
export function toCodePoints(text: string, units: number): number {
  let points = 0;
  for (let i = 0; i < units && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    points++;
  }
  return points;
}

/** UTF-16 offset of code point `points` in `text`; null when the text has fewer code points. */
export function toCodeUnits(text: string, points: number): number | null {
  let i = 0;
  for (let n = 0; n < points; n++) {
    if (i >= text.length) return null;
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return i;
}
