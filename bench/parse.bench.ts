// Pure-code benchmarks, run in Node: parsing the sample and a synthetic issue 20× its size.

import { parseText } from '../src/lib/issue/parse-text.ts';
import { sampleText, synthesizeIssueText } from './synthetic.ts';
import { measure, type Results } from './measure.ts';

export const targets = { 'parse.sample.ms': '≤ 10', 'parse.x20.ms': '≤ 200' };

export default async function parseBenchmarks(results: Results): Promise<void> {
  const sample = sampleText();
  const x20 = synthesizeIssueText(20);
  const src = (text: string) => ({ name: 'bench.txt', bytes: text.length, encoding: 'utf-8', format: 'text' as const });
  const articles20 = parseText(x20, src(x20)).articles.length;
  results['parse.sample.ms'] = measure(() => parseText(sample, src(sample)), { runs: 40 });
  results['parse.x20.ms'] = { ...measure(() => parseText(x20, src(x20)), { runs: 10 }), note: `${(x20.length / 1e6).toFixed(1)}M chars, ${articles20} articles` };
}
