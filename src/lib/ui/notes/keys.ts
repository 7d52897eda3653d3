// The keys of a note's text boxes: Ctrl/Cmd+Enter saves, Esc cancels.

export function saveKeys(save: () => void, cancel: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };
}
