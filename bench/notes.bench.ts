// Notes benchmarks: painting 5,000 highlights with the CSS Custom Highlight API against wrapping the
// text in spans as Hypothesis does (same page, same ranges), reloading an issue with 5,000 notes
// until they are painted, and the stored size of a note beyond its own text.

import * as Y from 'yjs';
import { describeRange } from '../src/lib/anchor/index.ts';
import { addReply, CATEGORIES, createNote, setStatus, type Author } from '../src/lib/review/index.ts';
import { withApp } from './browser.ts';
import { median, round, type Results } from './measure.ts';
import { sampleIssue } from './synthetic.ts';
import { CULL_AT as CULL } from '../src/lib/ui/notes/on-screen.ts';

export const targets = {
  'paint.css_highlights.5000.ms': '≤ 30',
  'paint.spans.5000.ms': '≥ 10× css_highlights',
  'reload.5000.ms': '≤ 500',
  'store.bytes_per_note': '≤ 250',
};

const N = 5000;
const FIRST_TITLE = '在第十四届全国人民代表大会第一次会议上的讲话';

// In-page code is passed as strings: tsx's helpers do not exist inside the page.
const SETUP = `(() => {
  const article = document.querySelector('article[data-article-id]');
  const blocks = Array.from(article.querySelectorAll('[data-block-id]')).filter((b) => b.textContent.length > 4);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ranges = [];
  for (let i = 0; i < ${N}; i++) {
    const b = Math.floor(rand() * blocks.length);
    const len = blocks[b].textContent.length;
    const start = Math.floor(rand() * (len - 2));
    ranges.push({ b, start, end: Math.min(len, start + 2 + Math.floor(rand() * 12)) });
  }
  // The text node and offset at a character offset of a block, walking its text as it is now.
  const point = (block, offset, side) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let seen = 0, last = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.data.length;
      if (offset < seen + len || (offset === seen + len && side === 'end')) return [n, offset - seen];
      seen += len;
      last = n;
    }
    return [last, last.data.length];
  };
  const toRange = (blockEls, r) => {
    const range = document.createRange();
    const s = point(blockEls[r.b], r.start, 'start');
    const e = point(blockEls[r.b], r.end, 'end');
    range.setStart(s[0], s[1]);
    range.setEnd(e[0], e[1]);
    return range;
  };
  const cats = ['typo', 'punctuation', 'fact', 'layout', 'style', 'other'];
  window.__bench = {
    css() {
      CSS.highlights.clear();
      const t0 = performance.now();
      const lists = cats.map(() => []);
      ranges.forEach((r, i) => lists[i % cats.length].push(toRange(blocks, r)));
      cats.forEach((c, i) => CSS.highlights.set('bench-' + c, new Highlight(...lists[i])));
      article.getBoundingClientRect();
      const t = performance.now() - t0;
      CSS.highlights.clear();
      return t;
    },
    spans() {
      const copy = article.cloneNode(true);
      article.after(copy);
      article.style.display = 'none';
      const copyBlocks = Array.from(copy.querySelectorAll('[data-block-id]')).filter((b) => b.textContent.length > 4);
      const t0 = performance.now();
      ranges.forEach((r, i) => {
        const range = toRange(copyBlocks, r);
        // Hypothesis: split the boundary text nodes, then wrap every whole text node in the range.
        let { startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo } = range;
        if (ec.nodeType === 3 && eo < ec.data.length) ec.splitText(eo);
        if (sc.nodeType === 3 && so > 0) {
          const rest = sc.splitText(so);
          if (ec === sc) ec = rest;
          sc = rest;
        }
        const nodes = [];
        const walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
        walker.currentNode = sc;
        for (let n = sc; n; n = walker.nextNode()) {
          nodes.push(n);
          if (n === ec) break;
        }
        for (const n of nodes) {
          if (!n.data.trim()) continue;
          const span = document.createElement('hypothesis-highlight');
          span.className = 'hypothesis-highlight cat-' + cats[i % cats.length];
          span.style.backgroundColor = 'rgba(250, 204, 21, 0.3)';
          n.replaceWith(span);
          span.append(n);
        }
      });
      copy.getBoundingClientRect();
      const t = performance.now() - t0;
      copy.remove();
      article.style.display = '';
      return t;
    },
  };
  return blocks.length;
})()`;

const WAIT_PAINTED = `new Promise((resolve) => {
  const check = () => {
    const e = performance.getEntriesByName('proofroom:painted').find((m) => m.detail && m.detail.placed >= ${N});
    if (e) resolve(e.startTime);
    else setTimeout(check, 20);
  };
  check();
})`;

function bytesPerNote(): { plain: number; worked: number } {
  const issue = sampleIssue();
  const authors: Author[] = [
    { id: 'ua1', name: '王小明', colour: '#c2410c' },
    { id: 'ub2', name: '李校对', colour: '#0f766e' },
    { id: 'uc3', name: 'Jane Doe', colour: '#7c3aed' },
  ];
  const doc = new Y.Doc();
  let own = 0;
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const article = issue.articles[i % issue.articles.length]!;
    const blocks = article.blocks.filter((b) => b.text.length > 12);
    const block = blocks[i % blocks.length]!;
    const start = (i * 13) % (block.text.length - 10);
    const target = describeRange(article, { blockId: block.id, start, endBlockId: block.id, end: start + 2 + (i % 8) })!;
    const body = `第${i}处：建议核对原文${'。'.repeat(i % 5)}`;
    const r = createNote(doc, { target, kind: 'comment', category: CATEGORIES[i % CATEGORIES.length]!, body }, authors[i % 3]!, 1_700_000_000_000 + i * 1000);
    if (!r.ok) throw new Error(r.reason);
    ids.push(r.id);
    own += utf8(target.quote) + utf8(target.prefix) + utf8(target.suffix) + utf8(body);
  }
  const plain = (Y.encodeStateAsUpdate(doc).byteLength - own) / N;
  let replies = 0;
  ids.forEach((id, i) => {
    setStatus(doc, id, 'resolved');
    const reply = `同意${i}`;
    addReply(doc, id, reply, authors[(i + 1) % 3]!, 1_800_000_000_000 + i);
    replies += utf8(reply);
  });
  const worked = (Y.encodeStateAsUpdate(doc).byteLength - own - replies) / N;
  return { plain, worked };
}

export default async function notesBenchmarks(results: Results): Promise<void> {
  const size = bytesPerNote();
  results['store.bytes_per_note'] = {
    value: round(size.plain, 0),
    unit: 'bytes',
    note: `${N} notes, 3 authors; ${round(size.worked, 0)} once each is resolved and replied to`,
  };

  await withApp(async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}?test`);
    await page.locator('article h1', { hasText: FIRST_TITLE }).waitFor();
    await page.evaluate(SETUP);
    const css: number[] = [];
    const spans: number[] = [];
    // The span baseline takes tens of seconds a run, so it runs fewer times.
    for (let run = 0; run < 7; run++) {
      css.push(await page.evaluate<number>('window.__bench.css()'));
      if (run < 3) spans.push(await page.evaluate<number>('window.__bench.spans()'));
    }
    results['paint.css_highlights.5000.ms'] = {
      value: round(median(css)),
      unit: 'ms',
      note: `median of ${css.length}: ranges built, highlights set, layout flushed`,
    };
    const s = median(spans);
    results['paint.spans.5000.ms'] = { value: round(s), unit: 'ms', note: `median of ${spans.length}; ${round(s / median(css), 1)}× the CSS highlights` };

    const seeded = await page.evaluate<number>(
      `window.__proofroom.seed(document.querySelector('article[data-article-id]').dataset.articleId, ${N})`,
    );
    if (seeded !== N) throw new Error(`seeded ${seeded} notes`);
    const reloads: number[] = [];
    for (let run = 0; run < 6; run++) {
      await page.reload();
      reloads.push(await page.evaluate<number>(WAIT_PAINTED));
    }
    results['reload.5000.ms'] = {
      value: round(median(reloads)),
      unit: 'ms',
      note: `median of ${reloads.length}, navigation start to ${N} notes placed and those near the screen painted (past ${CULL} notes only those are)`,
    };
    await context.close();
  }, 4592);
}
