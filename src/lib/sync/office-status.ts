// The always-on office peer (a Hocuspocus server, `npm run office`) as a room sees it. Types and pure
// helpers only; office-peer.ts holds the provider (docs/SECURITY.md: its operator can read the review).

/** Where the office peer is and the key that lets a link holder in. Both travel in the share link. */
export interface OfficeOptions {
  /** ws: or wss: URL of the office server. */
  url: string;
  /** The office's access key (16–128 base64url characters), checked by the server on connect. */
  key: string;
}

/**
 * connecting: trying to reach it; connected: synced or syncing with it; refused: it answered and
 * turned the key down; unreachable: nothing answered at the URL (the browser being online).
 */
export type OfficeState = 'connecting' | 'connected' | 'refused' | 'unreachable';

export interface OfficeStatus {
  url: string;
  state: OfficeState;
  /** The doc has synced with the office peer at least once since this room opened. */
  synced: boolean;
}

/** The signaling relays: trying (no answer yet), up (one answers), unreachable (none answered). */
export type RelayState = 'trying' | 'up' | 'unreachable';
