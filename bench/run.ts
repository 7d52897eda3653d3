// `npm run bench`: runs every bench/*.bench.ts, prints a table with the targets, and writes
// bench/results.json as {"metric": {"value": N, "unit": "ms", "note": "…"}}. `npm run bench -- parse page`
// runs only those files (and keeps the other figures already in results.json). A bench file exports `targets` and a default `(results) => Promise<void>`.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Results } from './measure.ts';

interface BenchModule {
  default: (results: Results) => Promise<void>;
  targets?: Record<string, string>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(new URL('.', import.meta.url))
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const results: Results = {};
  const targets: Record<string, string> = {};
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const mod = (await import(`./${file}`)) as BenchModule;
    Object.assign(targets, mod.targets ?? {});
    await mod.default(results);
  }
  const rows = Object.entries(results).map(([k, m]) => [k, `${m.value} ${m.unit}`, targets[k] ?? '', m.note ?? '']);
  const head = ['metric', 'value', 'target', 'note'];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const file = new URL('./results.json', import.meta.url);
  // A partial run (`npm run bench -- sync`, SYNC_ONLY=…) updates its own figures and keeps the rest.
  const partial = only.length > 0 || !!process.env.SYNC_ONLY;
  const kept = partial && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const json = { ...kept, ...Object.fromEntries(Object.entries(results).map(([k, m]) => [k, { value: m.value, unit: m.unit, ...(m.note ? { note: m.note } : {}) }])) };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
