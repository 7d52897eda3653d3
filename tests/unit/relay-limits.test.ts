// The relay's defences one by one: buckets, address keys, the nesting scan, forwarding without
// re-serialising, the log limiter.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogLimiter } from '../../server/log-limiter.ts';
import { TokenBucket, addressKey, nestedDeeperThan, peerLabel, requestPath, withClients } from '../../server/relay-limits.ts';

describe('TokenBucket', () => {
  it('spends tokens, refills at its rate, and lets one oversize cost through only when full', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(1, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 100)).toBe(true); // 0.1 s at 10/s: one token
    expect(bucket.take(1, 100)).toBe(false);
    expect(bucket.take(50, 400)).toBe(false); // 3 tokens: not full
    expect(bucket.full(600)).toBe(true);
    expect(bucket.take(50, 600)).toBe(true); // full: allowed, leaves a debt of 45
    expect(bucket.take(1, 4600)).toBe(false); // 40 refilled: -5
    expect(bucket.take(1, 5200)).toBe(true); // 6 more: 1
  });
});

describe('addressKey', () => {
  it('keeps IPv4, unmaps IPv4-mapped IPv6, and groups other IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('?');
  });

  it('labels peers for the log', () => {
    expect(peerLabel('::ffff:10.0.0.2', 5000)).toBe('10.0.0.2:5000');
    expect(peerLabel('::1', 5000)).toBe('[::1]:5000');
    expect(peerLabel(undefined, undefined)).toBe('?:?');
  });
});

describe('nestedDeeperThan', () => {
  const nest = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('measures nesting of arrays and objects, a top-level object being depth 1', () => {
    expect(nestedDeeperThan('{"a":1}', 1)).toBe(false);
    expect(nestedDeeperThan('{"a":[1]}', 1)).toBe(true);
    expect(nestedDeeperThan(nest(16), 16)).toBe(false);
    expect(nestedDeeperThan(nest(17), 16)).toBe(true);
    expect(nestedDeeperThan(`{"a":${'{"b":'.repeat(20)}1${'}'.repeat(20)}}`, 16)).toBe(true);
    // Siblings do not add up.
    expect(nestedDeeperThan(`[${Array(100).fill('[[1]]').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestedDeeperThan(JSON.stringify({ data: '['.repeat(1000) }), 2)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify({ data: '\\"[[[[[[' + '"'.repeat(10) }), 2)).toBe(false);
    expect(nestedDeeperThan(`{"a":"\\\\",${'"b":['.repeat(1)}[[1]]]}`, 3)).toBe(true);
  });

  it('scans 5,000 levels and a 1 MB flat array in one pass, without recursion', () => {
    expect(nestedDeeperThan(nest(5000), 16)).toBe(true);
    const flat = `[${Array(500_000).fill(0).join(',')}]`;
    const t0 = performance.now();
    expect(nestedDeeperThan(flat, 16)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('agrees with real y-webrtc messages, which are at most 4 deep', () => {
    const signal = {
      type: 'publish',
      topic: 'room',
      data: { to: 'a', from: 'b', type: 'signal', signal: { type: 'candidate', candidate: { candidate: 'x', sdpMid: '0' } } },
    };
    expect(nestedDeeperThan(JSON.stringify(signal), 4)).toBe(false);
  });
});

describe('withClients', () => {
  it('adds the client count to the sender’s text without re-serialising it', () => {
    const text = '{"type":"publish","topic":"t","data":{"x":[1,2]}}';
    expect(withClients(text, 3)).toBe('{"type":"publish","topic":"t","data":{"x":[1,2]},"clients":3}');
    expect(JSON.parse(withClients(`${text} \n\t`, 3))).toEqual({ ...JSON.parse(text), clients: 3 });
    // A sender's own "clients" is overridden, as JSON.parse keeps the last duplicate key.
    expect(JSON.parse(withClients('{"type":"publish","topic":"t","clients":999}', 2)).clients).toBe(2);
  });
});

describe('requestPath', () => {
  it('reads the path of an upgrade target, and gives null for one that is not a URL', () => {
    expect(requestPath('/signal')).toBe('/signal');
    expect(requestPath('/signal?x=1')).toBe('/signal');
    expect(requestPath(undefined)).toBe('/');
    expect(requestPath('//')).toBeNull();
    expect(requestPath('http://')).toBeNull();
  });
});

describe('log limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a burst of each kind per interval, then one summary line', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logs = createLogLimiter((line) => lines.push(line), { burst: 3, intervalMs: 1000 });
    for (let i = 0; i < 1000; i++) logs.line('rate limit', `flood ${i}`);
    logs.line('connect', 'connect a');
    expect(lines).toEqual(['flood 0', 'flood 1', 'flood 2', 'connect a']);
    vi.advanceTimersByTime(1000);
    expect(lines.at(-1)).toBe('relay: 997 similar lines suppressed in the last 1 s (rate limit)');
    // A new interval: a new burst.
    for (let i = 0; i < 5; i++) logs.line('rate limit', `again ${i}`);
    expect(lines.slice(5)).toEqual(['again 0', 'again 1', 'again 2']);
    logs.flush();
    expect(lines.at(-1)).toBe('relay: 2 similar lines suppressed in the last 1 s (rate limit)');
    expect(lines).toHaveLength(9);
    vi.advanceTimersByTime(5000);
    expect(lines).toHaveLength(9);
  });

  it('survives a logger that throws', () => {
    const logs = createLogLimiter(() => {
      throw new Error('disk full');
    });
    expect(() => logs.line('connect', 'x')).not.toThrow();
  });
});
