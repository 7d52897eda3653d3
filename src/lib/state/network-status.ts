// The network side of the sync status, from the browser's online flag and the open review's room:
// offline with a reason (no network, not shared, no relay answering), checking the relay, looking
// for peers, or connected to N. Pure, so the rules are tested without a browser.
import type { OfficeStatus, RelayState } from '../sync/office-status.ts';
import type { RoomStatus } from './providers.ts';

export type NetworkState = 'offline' | 'connecting' | 'connected';

export interface NetworkStatus {
  state: NetworkState;
  peers: number;
  /**
   * Why not connected: the browser has no network, this review is not shared, or the browser is online
   * but no signaling relay answers at `relayUrls` (and no office peer is connected).
   */
  reason: 'no-network' | 'not-shared' | 'no-relay' | null;
  /** Whether a relay answers, when the room knows ('trying' while connecting: still checking). */
  relay?: RelayState;
  /** The relay URLs tried, for "no relay reachable at <url>". */
  relayUrls?: string[];
  /** The office peer, when the review names one. */
  office?: OfficeStatus | null;
}

/** `room` is the open review's room status, or null when the review is not shared. */
export function networkStatus(online: boolean, room: RoomStatus | null): NetworkStatus {
  if (!online) return { state: 'offline', peers: 0, reason: 'no-network' };
  if (!room) return { state: 'offline', peers: 0, reason: 'not-shared' };
  const known = {
    ...(room.relay ? { relay: room.relay } : {}),
    ...(room.relayUrls ? { relayUrls: room.relayUrls } : {}),
    ...(room.office !== undefined ? { office: room.office } : {}),
  };
  if (room.state !== 'offline') return { state: room.state, peers: room.peers, reason: null, ...known };
  // Online, shared, nobody connected and no relay connection open.
  if (room.office?.state === 'connected') return { state: 'connected', peers: Math.max(1, room.peers), reason: null, ...known };
  if (room.relay === 'unreachable') return { state: 'offline', peers: 0, reason: 'no-relay', ...known };
  if (room.relay === 'trying') return { state: 'connecting', peers: 0, reason: null, ...known };
  // A room that does not report its relays (an in-memory one): offline means no network.
  return { state: 'offline', peers: 0, reason: 'no-network', ...known };
}
