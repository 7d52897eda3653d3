// On a narrow screen the notes are in a drawer: a tap on a highlighted passage must bring it up, even
// when that note is already the active one (so activation alone would not tell).

import type { HighlightPainter } from '../notes/highlights';

/** Calls `then` when a click or tap lands on painted note text in the article; returns the cleanup. */
export function onNoteTap(painter: HighlightPainter, then: () => void): () => void {
  const onClick = (e: MouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.closest('article[data-article-id]')) return;
    if (!getSelection()?.isCollapsed) return;
    if (painter.hitTest(e.clientX, e.clientY).length > 0) then();
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
