// Whether the single-letter shortcuts (j, k, n, p, /, ?) are on: a speech-input or screen-reader user
// can turn them off so a stray letter never moves them. Remembered in localStorage; keys with a
// modifier (Alt+C, Ctrl+Z…) and the arrow keys always work.

const STORAGE_KEY = 'proofroom.singleKeys';

export class Shortcuts {
  #singleKeys = $state(true);
  #storage: Storage | undefined;

  constructor(storage: Storage | undefined = globalThis.localStorage) {
    this.#storage = storage;
    try {
      this.#singleKeys = storage?.getItem(STORAGE_KEY) !== 'off';
    } catch {
      // No storage (private mode): on, for this visit.
    }
  }

  get singleKeys(): boolean {
    return this.#singleKeys;
  }

  setSingleKeys(on: boolean): void {
    this.#singleKeys = on;
    try {
      this.#storage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // The choice lasts for this visit only.
    }
  }
}

export const shortcuts = new Shortcuts();
