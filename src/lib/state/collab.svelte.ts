// Collaboration on the open review: the WebRTC room of its issue (while the browser is online), the
// honest sync status, presence (who is here, where, what they select, active or idle), following a
// person, and share / join by link. Views read getters and call methods; they never touch a provider.

import { untrack } from 'svelte';
import type { BlockRange } from '../anchor/target.ts';
import { formatShareLink, parseShareLink, randomToken, roomName, type LinkProblem, type RoomInvite } from '../sync/share-link.ts';
import type { CollabSettings } from './collab-settings.svelte.ts';
import { distinctColours } from './colours.ts';
import type { Library } from './library.svelte.ts';
import { networkStatus, type NetworkStatus } from './network-status.ts';
import type { PeerPresence, PresenceProvider, PresenceState, Providers, RoomProvider, RoomStatus } from './providers.ts';
import type { Reader } from './reader.svelte.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';

export type { NetworkState, NetworkStatus } from './network-status.ts';

/** No keyboard, pointer or scroll input for this long: shown as idle. */
export const IDLE_MS = 60_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'focus'] as const;

export type CollabProviders = Pick<Providers, 'openRoom' | 'presence'>;

export class Collab {
  readonly settings: CollabSettings;
  readonly #providers: CollabProviders;
  readonly #desk: ReviewDesk;
  readonly #reader: Reader;
  readonly #library: Library;
  readonly #win: Window;
  #online = $state(true);
  #room = $state.raw<RoomProvider | null>(null);
  #presence: PresenceProvider | null = null;
  #roomStatus = $state.raw<RoomStatus>({ state: 'offline', peers: 0 });
  #peers = $state.raw<PeerPresence[]>([]);
  #invalidPresence = $state(0);
  #following = $state<number | null>(null);
  #idle = $state(false);
  #linkProblem = $state.raw<LinkProblem | null>(null);
  #lastInput = Date.now();
  #stop: (() => void) | null = null;

  #invite = $derived.by(() => {
    const session = this.#desk.session;
    return session ? this.settings.roomFor(session.issueId) : null;
  });
  // Primitive keys, so a room is rebuilt only when what it is built from really changes.
  #inviteKey = $derived(this.#invite ? JSON.stringify(this.#invite) : '');
  // The room opens once the local copy is loaded: before, it would ask peers (and the office) for the
  // whole review and then send all of it back as the store applied it. A boolean, so saves don't rebuild it.
  #storeLoaded = $derived.by(() => this.#desk.session?.saveState !== 'loading');

  constructor(
    desk: ReviewDesk,
    reader: Reader,
    library: Library,
    settings: CollabSettings,
    providers: CollabProviders,
    win: Window = window,
  ) {
    this.#providers = providers;
    this.#desk = desk;
    this.#reader = reader;
    this.#library = library;
    this.settings = settings;
    this.#win = win;
    this.#online = win.navigator.onLine;
  }

  get network(): NetworkStatus {
    return networkStatus(this.#online, this.#room ? this.#roomStatus : null);
  }
  /** The open review's room, when it has one (tests and the benchmark reach the provider through it). */
  get room(): RoomProvider | null {
    return this.#room;
  }
  get shared(): boolean {
    return this.#invite !== null;
  }
  /** The share link of the open review, once shared. */
  get link(): string | null {
    return this.#invite ? formatShareLink(this.#win.location.href, this.#invite) : null;
  }
  get peers(): PeerPresence[] {
    return this.#peers;
  }
  /** Peers whose presence was malformed and ignored. */
  get invalidPresence(): number {
    return this.#invalidPresence;
  }
  get following(): number | null {
    return this.#following;
  }
  get idle(): boolean {
    return this.#idle;
  }
  get linkProblem(): LinkProblem | null {
    return this.#linkProblem;
  }

  /** Makes (or reuses) the room of the open issue and returns its link. */
  share(): string | null {
    const session = this.#desk.session;
    if (!session) return null;
    if (!this.settings.roomFor(session.issueId)) {
      this.settings.remember({
        issueId: session.issueId,
        roomId: randomToken(),
        secret: randomToken(),
        signaling: this.settings.signaling,
        ...(this.settings.office ? { office: this.settings.office } : {}),
      });
    }
    return this.link;
  }

  /** Stops sharing the open review on this device (the notes stay). */
  leave(): void {
    const session = this.#desk.session;
    if (session) this.settings.forget(session.issueId);
  }

  /** Joins the room of a pasted or opened link; returns what is wrong with it, or null. */
  join(text: string): LinkProblem | null {
    const parsed = parseShareLink(text);
    this.#linkProblem = parsed.ok ? null : parsed.problem;
    if (!parsed.ok) return parsed.problem;
    this.#accept(parsed.invite);
    return null;
  }

  dismissLinkProblem(): void {
    this.#linkProblem = null;
  }

  #accept(invite: RoomInvite): void {
    this.settings.remember(invite);
    this.#reader.expectIssue(invite.issueId);
  }

  setSelection(selection: BlockRange | null): void {
    this.#presence?.update({ selection });
  }

  follow(clientId: number | null): void {
    this.#following = this.#following === clientId ? null : clientId;
  }

  /** Starts following the desk, the reader and the window; returns the stop function. */
  start(): () => void {
    this.#stop?.();
    const win = this.#win;
    const onOnline = () => (this.#online = win.navigator.onLine);
    const onInput = () => {
      this.#lastInput = Date.now();
      if (this.#idle) this.#idle = false;
    };
    const timer = win.setInterval(() => {
      if (!this.#idle && Date.now() - this.#lastInput > IDLE_MS) this.#idle = true;
    }, 5_000);
    win.addEventListener('online', onOnline);
    win.addEventListener('offline', onOnline);
    for (const e of INPUT_EVENTS) win.addEventListener(e, onInput, { passive: true, capture: true });
    const stopEffects = $effect.root(() => {
      $effect(() => this.#roomEffect());
      $effect(() => this.#presenceLife());
      $effect(() => this.#presenceEffect());
      $effect(() => this.#followEffect());
      $effect(() => this.#waitingEffect());
    });
    this.#stop = () => {
      stopEffects();
      win.clearInterval(timer);
      win.removeEventListener('online', onOnline);
      win.removeEventListener('offline', onOnline);
      for (const e of INPUT_EVENTS) win.removeEventListener(e, onInput, { capture: true });
    };
    return this.#stop;
  }

  destroy(): void {
    this.#stop?.();
    this.#stop = null;
  }

  #localPresence(): PresenceState {
    const me = this.#desk.identity.author;
    return { user: { id: me.id, name: me.name, colour: me.colour }, article: this.#reader.article?.id ?? null, selection: null, idle: this.#idle };
  }

  // One room per shared review, only while the browser is online; rebuilt when its invite changes.
  #roomEffect(): (() => void) | undefined {
    const session = this.#desk.session;
    const key = this.#inviteKey;
    const online = this.#online;
    const iceKey = JSON.stringify(this.settings.iceServers);
    const loaded = this.#storeLoaded;
    if (!session || !key || !online || !loaded) return;
    const invite = JSON.parse(key) as RoomInvite;
    return untrack(() => {
      const room = this.#providers.openRoom(session.doc, {
        roomName: roomName(invite.roomId),
        password: invite.secret,
        signaling: invite.signaling,
        iceServers: JSON.parse(iceKey) as RTCIceServer[],
        office: invite.office ?? null,
      });
      const onStatus = (status: RoomStatus) => (this.#roomStatus = status);
      room.on('status', onStatus);
      this.#room = room;
      this.#roomStatus = room.status;
      return () => {
        room.off('status', onStatus);
        room.destroy();
        this.#room = null;
        this.#roomStatus = { state: 'offline', peers: 0 };
      };
    });
  }

  // Presence only once the reviewer has a name: nobody appears to the others as "?". Colleagues
  // who share a colour are told apart by distinctColours (the same answer on every peer).
  #presenceLife(): (() => void) | undefined {
    const room = this.#room;
    const named = !this.#desk.identity.needsName;
    if (!room || !named) return;
    return untrack(() => {
      const presence = this.#providers.presence(room.awareness, this.#localPresence());
      const onPeers = (peers: PeerPresence[]) => {
        const me = this.#desk.identity;
        this.#peers = distinctColours({ id: me.id, colour: me.colour }, peers);
        this.#invalidPresence = presence.invalidCount;
      };
      presence.on('change', onPeers);
      this.#presence = presence;
      onPeers(presence.peers);
      return () => {
        presence.destroy();
        this.#presence = null;
        this.#peers = [];
        this.#invalidPresence = 0;
      };
    });
  }

  #presenceEffect(): void {
    const article = this.#reader.article?.id ?? null;
    const idle = this.#idle;
    const me = this.#desk.identity.author;
    void this.#room; // re-run for a new room
    untrack(() => {
      const presence = this.#presence;
      if (!presence) return;
      const moved = article !== presence.local.article;
      presence.update({ user: { id: me.id, name: me.name, colour: me.colour }, article, idle, ...(moved ? { selection: null } : {}) });
    });
  }

  // Following someone: go where they go; stop when they leave.
  #followEffect(): void {
    const id = this.#following;
    if (id === null) return;
    const peer = this.#peers.find((p) => p.clientId === id);
    if (!peer) {
      this.#following = null;
      return;
    }
    const target = peer.article;
    const here = this.#reader.article?.id ?? null;
    const issue = this.#reader.issue;
    if (target && target !== here && issue?.articles.some((a) => a.id === target)) untrack(() => this.#reader.goTo(target));
  }

  // Joined by link for an issue this browser lacks: open its review and wait for the text from peers.
  #waitingEffect(): void {
    const waiting = this.#reader.waiting;
    if (!waiting) return;
    const session = this.#desk.session;
    if (session?.issueId !== waiting) {
      untrack(() => this.#desk.open(waiting));
      return;
    }
    const issue = session.issue;
    if (!issue || issue.id !== waiting) return;
    untrack(() => {
      void this.#library.add(issue).then(() => this.#reader.openIssue(issue.id, { replace: true }));
    });
  }
}
