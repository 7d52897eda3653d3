// The connection settings (signaling URLs, ICE servers) and the rooms joined per issue, as reactive
// state over sync/settings.ts (localStorage). New shares use these signaling URLs; a joined room keeps
// the URLs its link carried.

import {
  defaultSignaling,
  formatIceText,
  loadConnectionSettings,
  loadRooms,
  parseIceText,
  parseSignalingText,
  saveConnectionSettings,
  saveRooms,
} from '../sync/settings.ts';
import { readOffice, type RoomInvite } from '../sync/share-link.ts';
import type { OfficeOptions } from '../sync/office-status.ts';

export class CollabSettings {
  readonly #storage: Storage | undefined;
  readonly defaultSignaling: string;
  #signaling = $state.raw<string[]>([]);
  #iceServers = $state.raw<RTCIceServer[]>([]);
  #office = $state.raw<OfficeOptions | null>(null);
  #rooms = $state.raw<ReadonlyMap<string, RoomInvite>>(new Map());

  constructor(pageUrl: string, base: string, storage: Storage | undefined = globalThis.localStorage) {
    this.#storage = storage;
    this.defaultSignaling = defaultSignaling(pageUrl, base);
    const loaded = loadConnectionSettings(storage, this.defaultSignaling);
    this.#signaling = loaded.signaling;
    this.#iceServers = loaded.iceServers;
    this.#office = loaded.office;
    this.#rooms = loadRooms(storage);
  }

  get signaling(): string[] {
    return this.#signaling;
  }
  get iceServers(): RTCIceServer[] {
    return this.#iceServers;
  }
  /** The office peer new shares name (null: peer to peer only). */
  get office(): OfficeOptions | null {
    return this.#office;
  }
  get signalingText(): string {
    return this.#signaling.join('\n');
  }
  get iceText(): string {
    return formatIceText(this.#iceServers);
  }

  /** Saves both settings from their text forms; returns the offending line when one is not valid. */
  save(signalingText: string, iceText: string): { ok: true } | { ok: false; field: 'signaling' | 'ice'; bad: string } {
    const signaling = parseSignalingText(signalingText);
    if (!signaling.ok) return { ok: false, field: 'signaling', bad: signaling.bad };
    const ice = parseIceText(iceText);
    if (!ice.ok) return { ok: false, field: 'ice', bad: ice.bad };
    this.#signaling = signaling.urls.length > 0 ? signaling.urls : [this.defaultSignaling];
    this.#iceServers = ice.servers;
    this.#persist();
    return { ok: true };
  }

  /**
   * Sets (or, with two empty strings, clears) the office peer. It applies to new shares and to the
   * review `issueId` names (its link then carries the office); false when the URL or key is not valid.
   */
  saveOffice(url: string, key: string, issueId: string | null): boolean {
    const cleared = !url.trim() && !key.trim();
    const office = cleared ? null : readOffice(url, key);
    if (!cleared && !office) return false;
    this.#office = office;
    this.#persist();
    const invite = issueId ? this.roomFor(issueId) : null;
    if (invite) {
      const { office: _old, ...rest } = invite;
      this.remember(office ? { ...rest, office } : rest);
    }
    return true;
  }

  #persist(): void {
    saveConnectionSettings(this.#storage, { signaling: this.#signaling, iceServers: this.#iceServers, office: this.#office });
  }

  roomFor(issueId: string): RoomInvite | null {
    return this.#rooms.get(issueId) ?? null;
  }

  /** Remembers the room of an issue, so opening the issue again rejoins it. */
  remember(invite: RoomInvite): void {
    const rooms = new Map(this.#rooms);
    rooms.set(invite.issueId, invite);
    this.#rooms = rooms;
    saveRooms(this.#storage, rooms);
  }

  forget(issueId: string): void {
    if (!this.#rooms.has(issueId)) return;
    const rooms = new Map(this.#rooms);
    rooms.delete(issueId);
    this.#rooms = rooms;
    saveRooms(this.#storage, rooms);
  }
}
