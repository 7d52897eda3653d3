// How a proof round is named and coloured: 一校红, 二校蓝, 三校绿 (the custom), then others.

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const COLOURS = ['#c0392b', '#1d4ed8', '#15803d', '#7c3aed', '#c2410c', '#0e7490'];

/** 一校, 二校, … in Chinese; Proof 1, Proof 2, … in English. */
export function roundLabel(round: number, lang: string): string {
  if (lang.startsWith('zh')) return `${ZH_NUMERALS[round - 1] ?? String(round)}校`;
  return `Proof ${round}`;
}

export function roundColour(round: number): string {
  return COLOURS[(round - 1) % COLOURS.length]!;
}
