// Connection settings (signaling URLs, ICE servers) and the rooms this browser has joined, one per
// issue, kept in localStorage. Everything read back is validated: storage is just another input.

import { normaliseSignalingUrl, readOffice, type RoomInvite } from './share-link.ts';
import type { OfficeOptions } from './office-status.ts';

export interface ConnectionSettings {
  signaling: string[];
  iceServers: RTCIceServer[];
  /** The always-on office peer new shares name, or null (peer to peer only). */
  office: OfficeOptions | null;
}

const SETTINGS_KEY = 'proofroom.connection';
const ROOMS_KEY = 'proofroom.rooms';
const ICE_SCHEME = /^(stun|stuns|turn|turns):[^\s]+$/;

/** The app's own relay: `ws(s)://<host><base>signal`, resolved against the page address. */
export function defaultSignaling(pageUrl: string, base: string): string {
  const url = new URL(`${base}signal`, pageUrl.split('#')[0]);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  return url.href;
}

/** Signaling URLs from free text (one per line or comma-separated); null names the bad line. */
export function parseSignalingText(text: string): { ok: true; urls: string[] } | { ok: false; bad: string } {
  const urls: string[] = [];
  for (const line of text.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean)) {
    const url = normaliseSignalingUrl(line);
    if (!url) return { ok: false, bad: line };
    if (!urls.includes(url)) urls.push(url);
  }
  return { ok: true, urls };
}

/** ICE servers, one per line: `stun:host:port` or `turn:host:port username credential`. */
export function parseIceText(text: string): { ok: true; servers: RTCIceServer[] } | { ok: false; bad: string } {
  const servers: RTCIceServer[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [urls, username, credential, ...rest] = line.split(/\s+/);
    if (!urls || !ICE_SCHEME.test(urls) || rest.length > 0 || (username !== undefined && credential === undefined)) {
      return { ok: false, bad: line };
    }
    servers.push(username !== undefined ? { urls, username, credential: credential! } : { urls });
  }
  return { ok: true, servers };
}

export function formatIceText(servers: RTCIceServer[]): string {
  return servers
    .map((s) => [Array.isArray(s.urls) ? s.urls.join(',') : s.urls, s.username, s.credential].filter(Boolean).join(' '))
    .join('\n');
}

function validIce(value: unknown): RTCIceServer[] {
  if (!Array.isArray(value)) return [];
  const out: RTCIceServer[] = [];
  for (const v of value.slice(0, 16)) {
    const s = v as { urls?: unknown; username?: unknown; credential?: unknown } | null;
    if (!s || typeof s.urls !== 'string' || !ICE_SCHEME.test(s.urls)) continue;
    if (typeof s.username === 'string' && typeof s.credential === 'string') {
      out.push({ urls: s.urls, username: s.username, credential: s.credential });
    } else out.push({ urls: s.urls });
  }
  return out;
}

function validSignaling(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'string' ? normaliseSignalingUrl(v) : null)).filter((v): v is string => !!v).slice(0, 8);
}

function validOffice(value: unknown): OfficeOptions | null {
  const o = value as { url?: unknown; key?: unknown } | null;
  if (!o || typeof o !== 'object' || typeof o.url !== 'string' || typeof o.key !== 'string') return null;
  return readOffice(o.url, o.key);
}

function readJson(storage: Storage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the setting lasts for this visit.
  }
}

export function loadConnectionSettings(storage: Storage | undefined, fallbackSignaling: string): ConnectionSettings {
  const raw = readJson(storage, SETTINGS_KEY) as { signaling?: unknown; iceServers?: unknown; office?: unknown } | null;
  const signaling = validSignaling(raw?.signaling);
  return {
    signaling: signaling.length > 0 ? signaling : [fallbackSignaling],
    iceServers: validIce(raw?.iceServers),
    office: validOffice(raw?.office),
  };
}

export function saveConnectionSettings(storage: Storage | undefined, settings: ConnectionSettings): void {
  writeJson(storage, SETTINGS_KEY, settings);
}

/** The room joined for each issue id. */
export function loadRooms(storage: Storage | undefined): Map<string, RoomInvite> {
  const raw = readJson(storage, ROOMS_KEY);
  const rooms = new Map<string, RoomInvite>();
  if (!raw || typeof raw !== 'object') return rooms;
  for (const [issueId, v] of Object.entries(raw as Record<string, unknown>)) {
    const r = v as Partial<RoomInvite> | null;
    if (!r || typeof r.roomId !== 'string' || typeof r.secret !== 'string') continue;
    const signaling = validSignaling(r.signaling);
    if (signaling.length === 0) continue;
    const office = validOffice(r.office);
    rooms.set(issueId, { issueId, roomId: r.roomId, secret: r.secret, signaling, ...(office ? { office } : {}) });
  }
  return rooms;
}

export function saveRooms(storage: Storage | undefined, rooms: ReadonlyMap<string, RoomInvite>): void {
  writeJson(storage, ROOMS_KEY, Object.fromEntries(rooms));
}
