// A WebSocket client of the signaling relay for unit tests: it keeps what it receives in order, with pongs
// apart, so a test can take the next message or wait for a round trip (settle) instead of sleeping.
import WebSocket from 'ws';

export interface RelayClient {
  ws: WebSocket;
  /** Received messages other than pongs, not yet taken by next(). */
  inbox: any[];
  /** The next message other than a pong. */
  next(): Promise<any>;
  pong(): Promise<void>;
}

/** Opens a client (from `localAddress` when given) and adds its socket to `opened`, for the test's cleanup. */
export async function relayClient(url: string, opened: WebSocket[] | { push(ws: WebSocket): unknown }, localAddress?: string): Promise<RelayClient> {
  const ws = new WebSocket(url, localAddress ? { localAddress } : {});
  opened.push(ws);
  const inbox: any[] = [];
  const waiters: ((m: any) => void)[] = [];
  const pongWaiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.type === 'pong') return pongWaiters.shift()?.();
    const waiter = waiters.shift();
    if (waiter) waiter(m);
    else inbox.push(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    inbox,
    next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((resolve) => waiters.push(resolve))),
    pong: () => new Promise<void>((resolve) => pongWaiters.push(resolve)),
  };
}

/** Round trip through the relay: once the pong is back, everything the client sent before has been handled. */
export async function settle(c: RelayClient): Promise<void> {
  const pong = c.pong();
  c.ws.send('{"type":"ping"}');
  await pong;
}
