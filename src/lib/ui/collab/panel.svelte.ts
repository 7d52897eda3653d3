// Whether the collaboration panel is open, and its connection settings with it. View state shared by
// the top bar's button, the sync status (no relay: opens the settings) and the join-waiting page.

class CollabPanelView {
  open = $state(false);
  /** The connection settings' <details> is open. */
  settings = $state(false);
  /** Asked to show the settings: the panel moves focus to them (once) and clears this. */
  focusSettings = $state(false);

  toggle(): void {
    this.open = !this.open;
  }

  /** Opens the panel; with `settings`, at the connection settings. */
  show({ settings = false } = {}): void {
    if (settings) {
      this.settings = true;
      this.focusSettings = true;
    }
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const collabPanel = new CollabPanelView();
