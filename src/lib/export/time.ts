// Times in exported files: ISO 8601 in UTC with `Z` for machines (W3C `created`), and
// `YYYY-MM-DD HH:mm` in a chosen zone for people (the report).

/** `2023-03-15T02:04:05Z` (milliseconds only when there are some); null for a time out of range. */
export function isoTime(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      f = new Intl.DateTimeFormat('en-CA', timeZone ? { ...options, timeZone } : options);
    } catch {
      // An unknown zone name: the runtime's own zone rather than no file.
      f = new Intl.DateTimeFormat('en-CA', options);
    }
    formatters.set(key, f);
  }
  return f;
}

/** `2023-03-15 10:04` in `timeZone` (the runtime's zone when absent); '' for a time out of range. */
export function displayTime(ms: number, timeZone?: string): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
