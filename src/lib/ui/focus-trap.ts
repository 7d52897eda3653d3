// Dialogs and floating panels keep the keyboard inside while open and give focus back on close:
// `use:trapFocus` on the panel. Tab and Shift+Tab cycle through its visible controls; when the panel
// goes away, focus returns to what had it before the panel opened (if focus is still inside the
// panel or lost to the page body, never when the user has since moved it elsewhere).

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';

// The last elements that had focus, newest last: a panel that focuses its first field as it mounts
// (before this action runs) still knows where focus came from, and a panel whose opener went away
// (a dialog that opened it, now closed) gives focus to the one before.
const recent: Element[] = [];
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (e) => {
      const el = e.target as Element;
      if (recent[recent.length - 1] === el) return;
      recent.push(el);
      if (recent.length > 20) recent.shift();
    },
    true,
  );
}

const usable = (el: Element | null | undefined, doc: Document): el is HTMLElement =>
  el instanceof HTMLElement && el.isConnected && el !== doc.body && el.checkVisibility({ visibilityProperty: true });

/** The controls of `root` that Tab can reach and that are shown. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.checkVisibility({ visibilityProperty: true }) && !el.closest('[inert]'),
  );
}

export interface TrapOptions {
  /** Esc inside the panel: close it. */
  onescape?: () => void;
  /** Moves focus to the panel's first control as it opens (a panel opened by a button). */
  focusFirst?: boolean;
}

export function trapFocus(node: HTMLElement, options: TrapOptions = {}): { destroy: () => void } {
  const doc = node.ownerDocument;
  const active = doc.activeElement;
  const before = active && node.contains(active) ? (recent[recent.length - 2] ?? null) : active;

  if (options.focusFirst && !(active && node.contains(active))) focusables(node)[0]?.focus();

  function onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && options.onescape && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      options.onescape();
      return;
    }
    if (e.key !== 'Tab' || e.defaultPrevented) return;
    const items = focusables(node);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    const at = doc.activeElement;
    if (e.shiftKey && (at === first || !node.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !node.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  }
  node.addEventListener('keydown', onKey);
  return {
    destroy() {
      node.removeEventListener('keydown', onKey);
      const at = doc.activeElement;
      const lost = !at || at === doc.body || node.contains(at);
      if (!lost) return;
      const back = usable(before, doc) ? before : recent.findLast((el) => !node.contains(el) && usable(el, doc));
      if (back instanceof HTMLElement) back.focus({ preventScroll: true });
    },
  };
}
