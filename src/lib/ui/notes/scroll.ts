// The element that scrolls a node of the page (the reading pane), or the document's scroller.

export function scrollParent(node: Element | null): Element {
  for (let el = node; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
  }
  return document.scrollingElement ?? document.documentElement;
}
