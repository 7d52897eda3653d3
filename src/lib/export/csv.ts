// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, CRLF line
// ends, and a UTF-8 byte-order mark first so spreadsheet programs read Chinese correctly.

export const BOM = '\uFEFF';

/**
 * Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading
 * apostrophe: notes come from anyone in the room, and the list is opened in Excel.
 */
function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvField(value: string | number | null): string {
  const cell = value === null ? '' : typeof value === 'number' ? String(value) : defuse(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The whole file: BOM, then one CRLF-terminated record a row. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return BOM + rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
