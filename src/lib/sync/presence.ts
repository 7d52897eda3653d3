// Presence over y-protocols awareness: who is here, which article each reads, their live selection,
// active or idle. Ephemeral only (durable things live in the Y.Doc). Every peer state is validated
// before anyone sees it; a malformed one is counted and skipped.

import { ObservableV2 } from 'lib0/observable';
import type { Awareness } from 'y-protocols/awareness';
import type { BlockRange } from '../anchor/target.ts';

export interface PresenceUser {
  id: string;
  name: string;
  /** `#rrggbb` */
  colour: string;
}

export interface PresenceState {
  user: PresenceUser;
  /** The article on screen, or null. */
  article: string | null;
  /** The live text selection in that article, or null. */
  selection: BlockRange | null;
  /** No input for a while (set by the peer itself; clocks are not compared). */
  idle: boolean;
}

export interface PeerPresence extends PresenceState {
  /** The peer's awareness client id (its Y.Doc clientID). */
  clientId: number;
}

export type PresenceEvents = {
  change: (peers: PeerPresence[]) => void;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const MAX_OFFSET = 10_000_000;
const OTHER_FIELDS = new Set(['relay']);

const isString = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OFFSET;

function validSelection(v: unknown): BlockRange | null | undefined {
  if (v === null || v === undefined) return null;
  const s = v as Partial<BlockRange>;
  if (typeof v !== 'object' || !isString(s.blockId, 200, 1) || !isString(s.endBlockId, 200, 1)) return undefined;
  if (!isOffset(s.start) || !isOffset(s.end)) return undefined;
  return { blockId: s.blockId, start: s.start, endBlockId: s.endBlockId, end: s.end };
}

/**
 * A peer's awareness state as PresenceState; `empty` for a state without our fields (a peer that has
 * not introduced itself yet), `invalid` when it has them but they are malformed.
 */
export function validatePresence(value: unknown): PresenceState | 'empty' | 'invalid' {
  if (value === null || typeof value !== 'object') return 'invalid';
  const v = value as Record<string, unknown>;
  // Fields other layers keep in the same awareness state (mesh-relay.ts) are not presence.
  if (!('user' in v)) return Object.keys(v).every((k) => OTHER_FIELDS.has(k)) ? 'empty' : 'invalid';
  const u = v.user as Partial<PresenceUser> | null;
  if (!u || typeof u !== 'object' || !isString(u.id, 64) || !ID.test(u.id)) return 'invalid';
  if (!isString(u.name, 100, 1) || !isString(u.colour, 7) || !COLOUR.test(u.colour)) return 'invalid';
  const article = v.article ?? null;
  if (article !== null && !isString(article, 200, 1)) return 'invalid';
  const selection = validSelection(v.selection);
  if (selection === undefined) return 'invalid';
  if (v.idle !== undefined && typeof v.idle !== 'boolean') return 'invalid';
  return {
    user: { id: u.id, name: u.name, colour: u.colour.toLowerCase() },
    article,
    selection,
    idle: v.idle === true,
  };
}

export interface PresenceOptions {
  /**
   * At most one presence message per this many ms: the first change goes at once, later ones within
   * the window are merged and sent at its end (a drag-selection sends a few, not one per pixel).
   */
  throttleMs?: number;
}

/** Half a second: a live selection lags at most that much; a room of 50 dragging at once stays near 100 messages a second. */
export const PRESENCE_THROTTLE_MS = 500;

export class Presence extends ObservableV2<PresenceEvents> {
  readonly awareness: Awareness;
  readonly #throttleMs: number;
  #lastSent = -Infinity;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #local: PresenceState;
  #peers: PeerPresence[] = [];
  /** Client ids whose state failed validation. */
  #invalid = new Set<number>();
  #destroyed = false;

  constructor(awareness: Awareness, local: PresenceState, options: PresenceOptions = {}) {
    super();
    this.awareness = awareness;
    this.#throttleMs = options.throttleMs ?? 0;
    this.#local = local;
    this.#send();
    awareness.on('change', this.#onChange);
    this.#read();
  }

  get peers(): PeerPresence[] {
    return this.#peers;
  }
  /** Peers currently sending malformed presence. */
  get invalidCount(): number {
    return this.#invalid.size;
  }
  get local(): PresenceState {
    return this.#local;
  }

  /** Change what we tell the others; unchanged fields are not re-sent. */
  update(patch: Partial<PresenceState>): void {
    if (this.#destroyed) return;
    const next = { ...this.#local, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.#local)) return;
    this.#local = next;
    if (this.#timer !== null) return; // the pending send will carry it
    const wait = this.#lastSent + this.#throttleMs - performance.now();
    if (wait <= 0) this.#send();
    else this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#destroyed) this.#send();
    }, wait);
  }

  #send(): void {
    this.#lastSent = performance.now();
    // Keeps what other layers put in the same state (the relay's links).
    this.awareness.setLocalState({ ...this.awareness.getLocalState(), ...this.#local });
  }

  #onChange = (): void => {
    this.#read();
    this.emit('change', [this.#peers]);
  };

  #read(): void {
    const peers: PeerPresence[] = [];
    this.#invalid.clear();
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const r = validatePresence(state);
      if (r === 'invalid') this.#invalid.add(clientId);
      else if (r !== 'empty') peers.push({ ...r, clientId });
    });
    peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
    this.#peers = peers;
  }

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.awareness.off('change', this.#onChange);
    super.destroy();
  }
}
