// Caret browsing in the article, for the keyboard alone: once the article has focus, a caret sits
// in its text; the arrow keys move it (Ctrl/Alt+arrows a word, Home/End to the line's ends) and
// Shift with any of them extends the selection, which the note keys (Alt+C…) then annotate.
// Chromium draws no caret in text that is not editable, so one is drawn here (an aria-hidden bar).

type Alter = 'move' | 'extend';
type Direction = 'forward' | 'backward';
type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

const STEPS: Record<string, [Direction, Granularity]> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
  End: ['forward', 'lineboundary'],
  Home: ['backward', 'lineboundary'],
};

const BLOCKS = '[data-block-id]';

/** The first text position of the first block shown on screen (or of the article). */
function startOf(article: HTMLElement): Range | null {
  const blocks = Array.from(article.querySelectorAll<HTMLElement>(BLOCKS));
  const view = article.ownerDocument.defaultView;
  const bottom = view?.innerHeight ?? Infinity;
  const block =
    blocks.find((b) => {
      const r = b.getBoundingClientRect();
      return r.bottom > 0 && r.top < bottom && (b.textContent ?? '') !== '';
    }) ?? blocks.find((b) => (b.textContent ?? '') !== '');
  if (!block) return null;
  const walker = article.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const text = walker.nextNode();
  if (!text) return null;
  const range = article.ownerDocument.createRange();
  range.setStart(text, 0);
  range.collapse(true);
  return range;
}

function selectionIn(article: HTMLElement): Selection | null {
  const sel = article.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.focusNode) return null;
  return article.contains(sel.focusNode) && article.contains(sel.anchorNode) ? sel : null;
}

/** Makes `article` a caret-browsing surface; returns what undoes it. */
export function caretBrowsing(article: HTMLElement): () => void {
  const doc = article.ownerDocument;
  const bar = doc.createElement('span');
  bar.className = 'article-caret';
  bar.setAttribute('aria-hidden', 'true');
  bar.hidden = true;
  Object.assign(bar.style, {
    position: 'fixed',
    zIndex: '20',
    width: '2px',
    marginLeft: '-1px',
    background: 'currentColor',
    color: 'var(--accent, #9b2c1f)',
    pointerEvents: 'none',
  });
  doc.body.append(bar);
  let last: Range | null = null;
  let frame = 0;

  /** Draws the caret at the selection's focus while the article has focus. */
  function draw(): void {
    const sel = selectionIn(article);
    const focused = doc.activeElement === article;
    if (!sel || !focused || !sel.focusNode) {
      bar.hidden = true;
      return;
    }
    const at = doc.createRange();
    at.setStart(sel.focusNode, sel.focusOffset);
    at.collapse(true);
    last = sel.getRangeAt(0).cloneRange();
    const rect = at.getClientRects()[0] ?? at.getBoundingClientRect();
    if (!rect || rect.height === 0) {
      bar.hidden = true;
      return;
    }
    bar.hidden = false;
    bar.style.left = `${rect.left}px`;
    bar.style.top = `${rect.top}px`;
    bar.style.height = `${rect.height}px`;
  }
  const later = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };

  function onFocus(): void {
    const sel = doc.getSelection();
    if (sel && !selectionIn(article)) {
      const range = last && article.contains(last.endContainer) ? last : startOf(article);
      if (range) {
        range.collapse(false);
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
    later();
  }

  function onKey(e: KeyboardEvent): void {
    if (e.target !== article || e.defaultPrevented || e.metaKey) return;
    const step = STEPS[e.key];
    if (!step) return;
    const sel = selectionIn(article) ?? (onFocus(), selectionIn(article));
    if (!sel) return;
    const [direction, unit] = step;
    // Alt+arrows belong to the app (Alt+↑/↓: previous/next article) and the browser (history).
    if (e.altKey) return;
    const granularity: Granularity = e.ctrlKey && unit === 'character' ? 'word' : unit;
    const alter: Alter = e.shiftKey ? 'extend' : 'move';
    sel.modify(alter, direction, granularity);
    e.preventDefault();
    const node = sel.focusNode;
    const el = node instanceof Element ? node : node?.parentElement;
    const rect = el && sel.rangeCount ? sel.getRangeAt(0).getBoundingClientRect() : null;
    if (el && rect && (rect.bottom > (doc.defaultView?.innerHeight ?? 0) - 24 || rect.top < 80)) {
      el.closest(BLOCKS)?.scrollIntoView({ block: 'center' });
    }
    later();
  }

  article.addEventListener('focus', onFocus);
  article.addEventListener('blur', later);
  article.addEventListener('keydown', onKey);
  doc.addEventListener('selectionchange', later);
  doc.addEventListener('scroll', later, { capture: true, passive: true });
  return () => {
    cancelAnimationFrame(frame);
    article.removeEventListener('focus', onFocus);
    article.removeEventListener('blur', later);
    article.removeEventListener('keydown', onKey);
    doc.removeEventListener('selectionchange', later);
    doc.removeEventListener('scroll', later, { capture: true });
    bar.remove();
  };
}
