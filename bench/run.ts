// `npm run bench`: runs every benchmark, prints a table with the targets, and writes
// bench/results.json as {"metric": {"value": N, "unit": "ms"}}. `npm run bench -- parse` runs one group.

import { writeFileSync } from 'node:fs';
import type { Results } from './measure.ts';
import { parseBenchmarks } from './parse.bench.ts';

const TARGETS: Record<string, string> = {
  'parse.sample.ms': '≤ 10',
  'parse.x20.ms': '≤ 200',
  'open_to_paint.sample.ms': '≤ 300',
};

const groups: Record<string, (r: Results) => Promise<void>> = {
  parse: parseBenchmarks,
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: Results = {};
  for (const [name, run] of Object.entries(groups)) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    await run(results);
  }
  const rows = Object.entries(results).map(([k, m]) => [k, `${m.value} ${m.unit}`, TARGETS[k] ?? m.target ?? '', m.note ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['metric', 'value', 'target', 'note'], ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(['metric', 'value', 'target', 'note']));
  for (const r of rows) console.log(line(r));
  const file = new URL('./results.json', import.meta.url);
  const json = Object.fromEntries(Object.entries(results).map(([k, m]) => [k, { value: m.value, unit: m.unit }]));
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
