// Share links: `<app>#/join/<issueId>?room=<roomId>&secret=<secret>&signal=<ws url>…`. Everything is in
// the URL fragment, which browsers never send to a server. Pure string code (docs/PROTOCOL.md §2).

import type { OfficeOptions } from './office-status.ts';

export interface RoomInvite {
  /** The issue the room reviews (Issue.id). */
  issueId: string;
  /** Random room id; y-webrtc's room name is `roomName(roomId)`. */
  roomId: string;
  /** Random secret: y-webrtc's `password`. */
  secret: string;
  /** Signaling relay URLs (ws: or wss:). */
  signaling: string[];
  /** The always-on office peer, when the review uses one (`office=<ws url>&okey=<key>` in the link). */
  office?: OfficeOptions;
}

export type LinkProblem = 'not-a-link' | 'no-issue' | 'no-room' | 'no-secret' | 'bad-signaling' | 'bad-office';

export type ParsedLink = { ok: true; invite: RoomInvite } | { ok: false; problem: LinkProblem };

const JOIN_PREFIX = '#/join/';
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Room ids and secrets we make are 22 base64url characters (128 bits); accept 16–128 from others. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const MAX_SIGNALING = 8;

/** y-webrtc room name (relay topic, BroadcastChannel name, PBKDF2 salt) for a room id. */
export const roomName = (roomId: string): string => `proofroom:${roomId}`;

/** 128 random bits as base64url (22 characters). */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A ws: or wss: URL without credentials, normalised; null when it is not one. */
export function normaliseSignalingUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  if (url.username || url.password || url.hash) return null;
  return url.href;
}

/** The link to give people: `appUrl` is the app's address (its fragment is replaced). */
export function formatShareLink(appUrl: string, invite: RoomInvite): string {
  const base = appUrl.split('#')[0]!;
  const query = new URLSearchParams();
  query.set('room', invite.roomId);
  query.set('secret', invite.secret);
  for (const url of invite.signaling) query.append('signal', url);
  if (invite.office) {
    query.set('office', invite.office.url);
    query.set('okey', invite.office.key);
  }
  return `${base}${JOIN_PREFIX}${encodeURIComponent(invite.issueId)}?${query.toString()}`;
}

/** True when a URL fragment is a join link (the router must not treat it as an issue route). */
export const isJoinFragment = (hash: string): boolean => hash.startsWith(JOIN_PREFIX);

/** Reads a whole link or just its fragment, as typed or pasted. */
export function parseShareLink(text: string): ParsedLink {
  const trimmed = text.trim();
  const at = trimmed.indexOf(JOIN_PREFIX);
  if (at < 0) return { ok: false, problem: 'not-a-link' };
  const fragment = trimmed.slice(at + JOIN_PREFIX.length);
  const q = fragment.indexOf('?');
  const rawIssue = q < 0 ? fragment : fragment.slice(0, q);
  let issueId: string;
  try {
    issueId = decodeURIComponent(rawIssue.replace(/\/+$/, ''));
  } catch {
    return { ok: false, problem: 'no-issue' };
  }
  if (!ID.test(issueId)) return { ok: false, problem: 'no-issue' };
  const query = new URLSearchParams(q < 0 ? '' : fragment.slice(q + 1));
  const roomId = query.get('room') ?? '';
  if (!TOKEN.test(roomId)) return { ok: false, problem: 'no-room' };
  const secret = query.get('secret') ?? '';
  if (!TOKEN.test(secret)) return { ok: false, problem: 'no-secret' };
  const raw = query.getAll('signal');
  const signaling = raw.map(normaliseSignalingUrl);
  if (raw.length === 0 || raw.length > MAX_SIGNALING || signaling.some((u) => u === null)) {
    return { ok: false, problem: 'bad-signaling' };
  }
  const invite: RoomInvite = { issueId, roomId, secret, signaling: [...new Set(signaling as string[])] };
  // An office peer is optional; named, it needs both a ws(s) URL and a key.
  if (query.has('office') || query.has('okey')) {
    const office = readOffice(query.get('office') ?? '', query.get('okey') ?? '');
    if (!office) return { ok: false, problem: 'bad-office' };
    invite.office = office;
  }
  return { ok: true, invite };
}

/** An office peer's URL and key, validated like a link's; null when either is not valid. */
export function readOffice(url: string, key: string): OfficeOptions | null {
  const normal = normaliseSignalingUrl(url);
  const k = key.trim();
  return normal && TOKEN.test(k) ? { url: normal, key: k } : null;
}
