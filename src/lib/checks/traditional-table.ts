// Which characters are traditional or variant forms inside simplified text, and their simplified
// form: OpenCC's traditional→simplified character table and its compatibility-ideograph table
// (opencc-js, Apache-2.0), parsed once on first use. Only the character tables are loaded, not the
// megabyte of phrase tables, so the worker bundle stays small.

/// <reference path="./opencc-dicts.d.ts" />
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import COMPATIBILITY from 'opencc-js/dict/CJK_Compatibility_Ideographs';

/**
 * Characters OpenCC converts but the 2013 《通用规范汉字表》 keeps as standard characters for some
 * words or for personal names and surnames (乾坤, 於 as a surname, 昇 and 陞 in names, 夥 "many",
 * 徵 the note of the scale, 釐定, 劄子, 幺麽): never flagged.
 */
const STANDARD_TOO = new Set([...'乾於昇陞夥徵釐劄麽']);

let traditional: Map<string, string> | null = null;
let compatibility: Map<string, string> | null = null;
/** BMP code units that either table converts: the fast test for the common, simplified character. */
let convertible: Uint8Array | null = null;

function parseTable(table: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of table.split('|')) {
    const space = entry.indexOf(' ');
    if (space <= 0) continue;
    const from = entry.slice(0, space);
    const to = entry.slice(space + 1).split(' ')[0] ?? '';
    if (to && to !== from) map.set(from, to);
  }
  return map;
}

export function maybeConverted(code: number): boolean {
  if (!convertible) {
    convertible = new Uint8Array(0x10000);
    traditional ??= parseTable(TS_CHARACTERS);
    compatibility ??= parseCompatibility();
    for (const ch of [...traditional.keys(), ...compatibility.keys()]) if (ch.length === 1) convertible[ch.charCodeAt(0)] = 1;
  }
  return convertible[code] === 1;
}

/** The simplified form of a traditional or variant character, or undefined for a simplified one. */
export function simplifiedOf(ch: string): string | undefined {
  traditional ??= parseTable(TS_CHARACTERS);
  if (STANDARD_TOO.has(ch)) return undefined;
  return traditional.get(ch);
}

function parseCompatibility(): Map<string, string> {
  return new Map(COMPATIBILITY.split('|').map((e) => e.split(' ') as [string, string]).filter(([a, b]) => a && b && a !== b));
}

/** The unified ideograph a compatibility ideograph (U+F900…, U+2F800…) stands for. */
export function unifiedOf(ch: string): string | undefined {
  compatibility ??= parseCompatibility();
  return compatibility.get(ch);
}
