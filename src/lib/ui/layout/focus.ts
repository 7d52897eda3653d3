// Focus inside a drawer or menu: what can take focus, moving into it, and keeping Tab inside it.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements of `root` that Tab reaches and a person can see. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'));
}

/** Focuses `preferred` when given and present, else the first focusable element of `root`. */
export function focusInto(root: HTMLElement, preferred?: string): void {
  const el = (preferred && root.querySelector<HTMLElement>(preferred)) || focusables(root)[0];
  el?.focus();
}

/** On Tab, wraps focus from the last element of `root` to the first and back (a modal drawer). */
export function keepTabInside(event: KeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const all = focusables(root);
  if (all.length === 0) return;
  const first = all[0]!;
  const last = all[all.length - 1]!;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (!root.contains(document.activeElement)) {
    event.preventDefault();
    first.focus();
  }
}
