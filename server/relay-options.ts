// The relay's options and their defaults, in one place; docs/PROTOCOL.md §1 explains the figures.

export interface RelayOptions {
  /** Largest accepted message; bigger ones close the socket with 1009 (default 64 KiB). */
  maxMessageBytes?: number;
  /** Deepest nesting of arrays/objects accepted in a message; deeper closes with 1008 (default 16). */
  maxDepth?: number;
  /** Sustained messages per second per connection (default 50). */
  ratePerSecond?: number;
  /** Messages a connection may send in a burst above the rate (default 2 × rate). */
  burst?: number;
  /** Open connections in all, those still in their handshake included (default 1000). */
  maxConnections?: number;
  /** Open connections from one address (an IPv6 /64 counts as one address) (default 128). */
  maxConnectionsPerAddress?: number;
  /**
   * Per-address budgets, shared by all connections from one address: messages received per second
   * (default 1000, bursts of 5 × that), and bytes per second, counting each message's size once for
   * receiving it and once more per receiver it is relayed to (default 32 MiB, bursts of 2 × that).
   * An address over either budget is paused (its sockets are not read) until it is back within it.
   */
  addressMessagesPerSecond?: number;
  addressMessageBurst?: number;
  addressBytesPerSecond?: number;
  addressByteBurst?: number;
  /** Interval between liveness pings; a socket silent for a whole interval is terminated (default 30 s). */
  pingIntervalMs?: number;
  /** Most topics one connection may hold (default 64); longest topic name (default 512). */
  maxTopics?: number;
  maxTopicLength?: number;
  /** A receiver with more than this queued unsent is cut off (default 4 MiB). */
  maxBufferedBytes?: number;
  log?: (line: string) => void;
  /** Log lines of one kind written per interval; the rest are counted in one summary line (default 20 per 10 s). */
  logBurst?: number;
  logIntervalMs?: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Every limit, with the defaults filled in. */
export function withDefaults(options: RelayOptions) {
  const rate = options.ratePerSecond ?? 50;
  const addressRate = options.addressMessagesPerSecond ?? 1000;
  const addressBytes = options.addressBytesPerSecond ?? 32 * MiB;
  return {
    maxMessageBytes: options.maxMessageBytes ?? 64 * KiB,
    maxDepth: options.maxDepth ?? 16,
    rate,
    burst: options.burst ?? rate * 2,
    maxConnections: options.maxConnections ?? 1000,
    maxPerAddress: options.maxConnectionsPerAddress ?? 128,
    addressRate,
    addressBurst: options.addressMessageBurst ?? addressRate * 5,
    addressBytes,
    addressByteBurst: options.addressByteBurst ?? addressBytes * 2,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    maxTopics: options.maxTopics ?? 64,
    maxTopicLength: options.maxTopicLength ?? 512,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * MiB,
  };
}
