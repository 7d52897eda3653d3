// Who this reviewer is: a stable random id, a display name (asked on first use, changeable) and
// a colour, kept in localStorage. Durable identity only; live presence lives in awareness.

import type { Author } from '../review/index.ts';

const KEY = 'proofroom.identity';

/** Distinct, readable on white, and not the category colours used for highlights. */
export const PERSON_COLOURS = ['#c2410c', '#0f766e', '#7c3aed', '#be123c', '#1d4ed8', '#4d7c0f', '#a16207', '#0e7490'];

interface Stored {
  id: string;
  name: string;
  colour: string;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `u${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14)}`;
}

function load(storage: Storage | undefined): Stored {
  try {
    const raw = storage?.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
    if (typeof v.id === 'string' && /^[a-z0-9]{4,40}$/.test(v.id)) {
      return { id: v.id, name: typeof v.name === 'string' ? v.name.slice(0, 100) : '', colour: typeof v.colour === 'string' && /^#[0-9a-f]{6}$/i.test(v.colour) ? v.colour : PERSON_COLOURS[0]! };
    }
  } catch {
    // A corrupt entry is replaced below.
  }
  const id = randomId();
  const colour = PERSON_COLOURS[parseInt(id.slice(1, 5), 36) % PERSON_COLOURS.length]!;
  return { id, name: '', colour };
}

export class Identity {
  #storage: Storage | undefined;
  #value = $state.raw<Stored>({ id: '', name: '', colour: PERSON_COLOURS[0]! });

  constructor(storage: Storage | undefined = globalThis.localStorage) {
    this.#storage = storage;
    this.#value = load(storage);
    this.#save();
  }

  get id(): string {
    return this.#value.id;
  }
  get name(): string {
    return this.#value.name;
  }
  get colour(): string {
    return this.#value.colour;
  }
  /** True until the reviewer has given a display name. */
  get needsName(): boolean {
    return this.#value.name.trim() === '';
  }
  get author(): Author {
    return { id: this.#value.id, name: this.#value.name.trim() || '?', colour: this.#value.colour };
  }

  setName(name: string): void {
    this.#value = { ...this.#value, name: name.trim().slice(0, 100) };
    this.#save();
  }

  setColour(colour: string): void {
    if (/^#[0-9a-f]{6}$/i.test(colour)) this.#value = { ...this.#value, colour };
    this.#save();
  }

  #save(): void {
    try {
      this.#storage?.setItem(KEY, JSON.stringify(this.#value));
    } catch {
      // Storage full or disabled: the identity lasts for this visit.
    }
  }
}
