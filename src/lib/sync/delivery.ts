// Which peer's message is being handled right now. y-webrtc applies a received update
// synchronously inside the peer's 'data' event, so a doc 'update' listener can ask who delivered
// it (mesh-relay.ts uses this not to echo an update to peers that already have it).
// A module of its own so that the relay and its tests need no WebRTC.

let current: object | null = null;

/** The peer (a ChunkedPeer) whose message is being handled; null outside one. */
export function deliveringPeer(): object | null {
  return current;
}

/** Runs `handle` with `peer` as the delivering peer. */
export function deliverFrom<T>(peer: object, handle: () => T): T {
  const outer = current;
  current = peer;
  try {
    return handle();
  } finally {
    current = outer;
  }
}
