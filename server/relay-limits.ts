// The relay's defences, kept free of sockets so they can be tested alone: token buckets, the key an
// address is budgeted under, a cheap nesting-depth scan, and forwarding a publish without re-serialising it.
import { isIPv4, isIPv6 } from 'node:net';

/**
 * A token bucket: `capacity` tokens, refilled at `rate` per second. take(cost) spends `cost` tokens if
 * there are that many; a cost above the capacity needs a full bucket and leaves it in debt, so a single
 * large item is still possible but the long-run rate holds. spend(cost) spends unconditionally, into
 * debt if need be, for costs already incurred.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: number,
    readonly capacity: number,
    now = performance.now(),
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
  }

  take(cost = 1, now = performance.now()): boolean {
    this.refill(now);
    if (this.tokens < Math.min(cost, this.capacity)) return false;
    this.tokens -= cost;
    return true;
  }

  /** Spends `cost` whatever the level; returns the level left, negative when in debt. */
  spend(cost: number, now = performance.now()): number {
    this.refill(now);
    this.tokens -= cost;
    return this.tokens;
  }

  /** Milliseconds until the bucket is out of debt (0 if it is not in debt). */
  msUntilPaidOff(now = performance.now()): number {
    this.refill(now);
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  /** Whether the bucket has refilled completely (nothing left to remember about its user). */
  full(now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}

function ipv6Groups(address: string): number[] | null {
  const zone = address.indexOf('%');
  const ip = zone < 0 ? address : address.slice(0, zone);
  if (!isIPv6(ip)) return null;
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
        groups.push((a << 8) | b, (c << 8) | d);
      } else groups.push(parseInt(piece, 16));
    }
    return groups;
  };
  const gap = ip.indexOf('::');
  if (gap < 0) return parse(ip);
  const head = parse(ip.slice(0, gap));
  const tail = parse(ip.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * The key a remote address is counted and budgeted under. IPv4 as is; IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, what a dual-stack listener reports for IPv4 peers) as the IPv4 address; other
 * IPv6 by its /64 prefix, since one host or one site is normally given a whole /64 and can pick any
 * address in it — the same as an office behind one IPv4 NAT.
 */
export function addressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '?';
  if (isIPv4(remoteAddress)) return remoteAddress;
  const groups = ipv6Groups(remoteAddress);
  if (!groups || groups.length !== 8) return remoteAddress.toLowerCase();
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** `ip:port` for log lines, with IPv4-mapped addresses shown as IPv4 and IPv6 in brackets. */
export function peerLabel(remoteAddress: string | undefined, port: number | undefined): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress ?? '');
  const ip = mapped?.[1] ?? remoteAddress ?? '?';
  return `${ip.includes(':') ? `[${ip}]` : ip}:${port ?? '?'}`;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text nests arrays/objects deeper than `max` (a top-level object is depth 1). One pass,
 * no recursion, brackets inside strings ignored. Text that is not valid JSON may be misjudged, but then
 * JSON.parse rejects it anyway.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The received text of a publish with `"clients": n` added as its last member, which JSON.parse
 * on the receiving side reads as the object's `clients` (a later duplicate key wins). `text` must be a
 * JSON object with at least one member, as a parsed publish is. The sender's text is forwarded as it
 * came, so nothing the sender wrote is ever re-serialised.
 */
export function withClients(text: string, clients: number): string {
  let end = text.length;
  while (end > 0 && isJsonSpace(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end - 1)},"clients":${clients}}`;
}

/** The path of an upgrade request, or null if its target is not a parseable URL (`//`, `http://`). */
export function requestPath(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://relay.invalid').pathname;
  } catch {
    return null;
  }
}
