// Proves that test code stays out of the product: the production build (first argument) must not
// contain the e2e hooks' markers, and the e2e build (second argument) must, so the check can fail.
// `npm run check:bundle` after `npm run build` and `npm run build:e2e`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MARKERS = ['__proofroomApp', 'proofroom-test-peer'];

function scripts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scripts(path));
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

function found(dir: string): Map<string, string[]> {
  const hits = new Map<string, string[]>();
  for (const file of scripts(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const marker of MARKERS) if (text.includes(marker)) hits.set(marker, [...(hits.get(marker) ?? []), file]);
  }
  return hits;
}

const [production, e2e] = process.argv.slice(2);
if (!production || !e2e) {
  console.error('usage: tsx scripts/check-bundle.ts <production dist> <e2e dist>');
  process.exit(2);
}
const leaked = found(production);
if (leaked.size > 0) {
  for (const [marker, files] of leaked) console.error(`test code in the production build: "${marker}" in ${files.join(', ')}`);
  process.exit(1);
}
const hooks = found(e2e);
const missing = MARKERS.filter((m) => !hooks.has(m));
if (missing.length > 0) {
  console.error(`the e2e build lacks its test hooks (${missing.join(', ')}): the check would prove nothing`);
  process.exit(1);
}
console.log(`bundle check: ${production} has no test hooks; ${e2e} has them`);
