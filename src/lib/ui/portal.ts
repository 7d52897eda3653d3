// `use:portal` moves an overlay (a dialog, a floating composer) to the end of <body>, so it shows
// even when the component that owns it sits in a column that is hidden (a closed drawer, a narrow
// screen): an element inside a display:none ancestor is never rendered, top layer or not.

import { trapFocus } from './focus-trap';

export function portal(node: HTMLElement): { destroy: () => void } {
  node.ownerDocument.body.append(node);
  return { destroy: () => node.remove() };
}

/**
 * `use:modal` on a <dialog>: moved to <body> first (a dialog moved after showModal() would lose
 * its modality), then shown modal with focus kept inside and given back when it goes.
 */
export function modal(node: HTMLDialogElement): { destroy: () => void } {
  const moved = portal(node);
  const trap = trapFocus(node);
  node.showModal();
  return {
    destroy() {
      trap.destroy();
      moved.destroy();
    },
  };
}
