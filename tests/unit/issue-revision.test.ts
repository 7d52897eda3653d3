// Whether a file looks like a later proof of an issue: same label, about as long, most text shared.
import { describe, expect, it } from 'vitest';
import { looksLikeRevision } from '../../src/lib/issue/revision.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import { sampleIssue, sampleText, synthesizeIssueText } from '../../bench/synthetic.ts';

const parse = (text: string) => parseText(text, { name: 'x.txt', bytes: text.length, encoding: 'utf-8', format: 'text' });

describe('looksLikeRevision', () => {
  const sample = sampleIssue();

  it('a proof with a few corrections is a revision of the first', () => {
    const next = parse(sampleText().replace('这一崇高职务', '这一光荣职务').replace('竭诚奉献', '竭诚付出'));
    const match = looksLikeRevision(next, sample);
    expect(match?.shared).toBeGreaterThan(0.9);
  });

  it('the very same issue, another issue, or a twentyfold reprint with the same label is not', () => {
    expect(looksLikeRevision(sample, sample)).toBeNull();
    expect(looksLikeRevision(parse(synthesizeIssueText(20)), sample)).toBeNull();
    const relabelled = parse(sampleText().replace(/2023年第3期/g, '2023年第4期'));
    expect(looksLikeRevision(relabelled, sample)).toBeNull();
  });
});
