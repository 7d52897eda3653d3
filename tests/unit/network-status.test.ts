// The network side of the sync status (src/lib/state/network-status.ts): "no relay reachable" is told
// apart from "offline", and neither is claimed while a peer or the office peer is connected.
import { describe, expect, it } from 'vitest';
import { networkStatus } from '../../src/lib/state/network-status.ts';
import type { RoomStatus } from '../../src/lib/sync/room.ts';

const URLS = ['ws://127.0.0.1:8080/magazines/proofroom/signal'];
const room = (status: Partial<RoomStatus>): RoomStatus => ({ state: 'offline', peers: 0, relayUrls: URLS, ...status });

describe('networkStatus', () => {
  it('says no network when the browser is offline, whatever the room says', () => {
    expect(networkStatus(false, room({ relay: 'unreachable' }))).toEqual({ state: 'offline', peers: 0, reason: 'no-network' });
  });

  it('says not shared when there is no room', () => {
    expect(networkStatus(true, null)).toEqual({ state: 'offline', peers: 0, reason: 'not-shared' });
  });

  it('says no relay, with the URLs tried, when online, shared, no relay answers and nobody is connected', () => {
    expect(networkStatus(true, room({ relay: 'unreachable' }))).toMatchObject({ state: 'offline', reason: 'no-relay', relayUrls: URLS });
  });

  it('is still checking (connecting) while the relay has not answered yet', () => {
    expect(networkStatus(true, room({ relay: 'trying' }))).toMatchObject({ state: 'connecting', reason: null, relay: 'trying' });
  });

  it('reports peers, not the relay, when peers are connected without one (same-browser tabs)', () => {
    expect(networkStatus(true, room({ state: 'connected', peers: 1, relay: 'unreachable' }))).toMatchObject({ state: 'connected', peers: 1, reason: null });
  });

  it('counts a connected office peer as reachable', () => {
    const office = { url: 'wss://office.example/', state: 'connected' as const, synced: true };
    expect(networkStatus(true, room({ relay: 'unreachable', office }))).toMatchObject({ state: 'connected', reason: null, office });
    const down = { ...office, state: 'unreachable' as const };
    expect(networkStatus(true, room({ relay: 'unreachable', office: down }))).toMatchObject({ state: 'offline', reason: 'no-relay' });
  });

  it('keeps the old reading for a room that does not report its relays', () => {
    expect(networkStatus(true, { state: 'offline', peers: 0 })).toEqual({ state: 'offline', peers: 0, reason: 'no-network' });
    expect(networkStatus(true, { state: 'connecting', peers: 0 })).toEqual({ state: 'connecting', peers: 0, reason: null });
  });
});
