// How long ago, as a unit and a count for Intl.RelativeTimeFormat. Pure.

/** "3 minutes ago" as a unit and a count, for Intl.RelativeTimeFormat. */
export function relativeTime(then: number, now: number): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const s = Math.round((then - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return { value: s, unit: 'second' };
  if (abs < 3600) return { value: Math.round(s / 60), unit: 'minute' };
  if (abs < 86_400) return { value: Math.round(s / 3600), unit: 'hour' };
  if (abs < 2_592_000) return { value: Math.round(s / 86_400), unit: 'day' };
  if (abs < 31_536_000) return { value: Math.round(s / 2_592_000), unit: 'month' };
  return { value: Math.round(s / 31_536_000), unit: 'year' };
}
