// Share links and connection settings: what a link carries, and what a bad link or stored value becomes.
import { describe, expect, it } from 'vitest';
import { formatShareLink, parseShareLink, randomToken, readOffice, roomName } from '../../src/lib/sync/share-link.ts';
import { defaultSignaling, loadConnectionSettings, loadRooms, parseIceText, parseSignalingText, saveConnectionSettings, saveRooms } from '../../src/lib/sync/settings.ts';

const invite = {
  issueId: 'k3x9a0',
  roomId: randomToken(),
  secret: randomToken(),
  signaling: ['ws://192.168.1.5:4444/signal', 'wss://relay.example.org/signal'],
};

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('share links', () => {
  it('carry issue, room, secret and every signaling URL in the fragment only', () => {
    const link = formatShareLink('https://proof.example/app/?test#/k3x9a0/a1', invite);
    const url = new URL(link);
    expect(url.pathname + url.search).toBe('/app/?test');
    expect(url.hash.startsWith('#/join/k3x9a0?')).toBe(true);
    expect(parseShareLink(link)).toEqual({ ok: true, invite });
    // Just the fragment, as pasted, works too.
    expect(parseShareLink(`  ${url.hash}\n`)).toEqual({ ok: true, invite });
  });

  it('makes 128-bit random tokens and a room name from the room id', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(a);
    expect(roomName(invite.roomId)).toBe(`proofroom:${invite.roomId}`);
  });

  it('names what is wrong with a bad link', () => {
    const good = formatShareLink('http://h/', invite);
    expect(parseShareLink('https://example.org/')).toEqual({ ok: false, problem: 'not-a-link' });
    expect(parseShareLink(good.replace(/&?secret=[^&]+/, ''))).toEqual({ ok: false, problem: 'no-secret' });
    expect(parseShareLink(good.replace(/secret=[^&]+/, 'secret=short'))).toEqual({ ok: false, problem: 'no-secret' });
    expect(parseShareLink(good.replace(/room=[^&]+/, 'room='))).toEqual({ ok: false, problem: 'no-room' });
    expect(parseShareLink(good.replace('k3x9a0', 'bad%20id'))).toEqual({ ok: false, problem: 'no-issue' });
    expect(parseShareLink(good.replace(/signal=[^&]+/g, 'signal=http%3A%2F%2Fevil'))).toEqual({ ok: false, problem: 'bad-signaling' });
    expect(parseShareLink(good.replace(/&signal=[^&]+/g, ''))).toEqual({ ok: false, problem: 'bad-signaling' });
  });
});

describe('connection settings', () => {
  it('default to the app’s own relay', () => {
    expect(defaultSignaling('http://127.0.0.1:4173/#/x', './')).toBe('ws://127.0.0.1:4173/signal');
    expect(defaultSignaling('https://proof.example/app/index.html?test', './')).toBe('wss://proof.example/app/signal');
    expect(loadConnectionSettings(memoryStorage(), 'ws://h/signal')).toEqual({ signaling: ['ws://h/signal'], iceServers: [], office: null });
  });

  it('read signaling and ICE servers from text, naming a bad line', () => {
    expect(parseSignalingText('ws://a:1/signal\n\nwss://b/signal, ws://a:1/signal')).toEqual({ ok: true, urls: ['ws://a:1/signal', 'wss://b/signal'] });
    expect(parseSignalingText('ws://a/signal\nhttp://b')).toEqual({ ok: false, bad: 'http://b' });
    expect(parseIceText('stun:stun.example.org:3478\nturn:t.example.org:3478 user pass')).toEqual({
      ok: true,
      servers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:t.example.org:3478', username: 'user', credential: 'pass' }],
    });
    expect(parseIceText('turn:t.example.org user')).toEqual({ ok: false, bad: 'turn:t.example.org user' });
  });

  it('keep the rooms joined per issue and drop stored junk', () => {
    const storage = memoryStorage();
    saveRooms(storage, new Map([[invite.issueId, invite]]));
    expect(loadRooms(storage).get(invite.issueId)).toEqual(invite);
    storage.setItem('proofroom.rooms', JSON.stringify({ x: { roomId: 1 }, y: null, z: { roomId: 'r', secret: 's', signaling: ['javascript:alert(1)'] } }));
    expect(loadRooms(storage).size).toBe(0);
    storage.setItem('proofroom.rooms', '{not json');
    expect(loadRooms(storage).size).toBe(0);
  });
});

describe('the office peer in links and settings', () => {
  const office = { url: 'wss://office.example.org/', key: randomToken() };

  it('travels in the fragment with its key and comes back whole', () => {
    const link = formatShareLink('https://proof.example/app/', { ...invite, office });
    expect(new URL(link).search).toBe('');
    const parsed = parseShareLink(link);
    expect(parsed).toEqual({ ok: true, invite: { ...invite, office } });
    // A link without an office has no office.
    const plain = parseShareLink(formatShareLink('https://proof.example/app/', invite));
    expect(plain.ok && plain.invite.office).toBeUndefined();
  });

  it('refuses a link naming an office without a usable URL or key', () => {
    const base = formatShareLink('https://proof.example/app/', invite);
    expect(parseShareLink(`${base}&office=${encodeURIComponent('wss://o.example/')}`)).toEqual({ ok: false, problem: 'bad-office' });
    expect(parseShareLink(`${base}&office=http%3A%2F%2Fo.example&okey=${office.key}`)).toEqual({ ok: false, problem: 'bad-office' });
    expect(parseShareLink(`${base}&office=wss%3A%2F%2Fo.example&okey=short`)).toEqual({ ok: false, problem: 'bad-office' });
    expect(readOffice(' ws://127.0.0.1:1234 ', ` ${office.key} `)).toEqual({ url: 'ws://127.0.0.1:1234/', key: office.key });
    expect(readOffice('ws://u:p@h/', office.key)).toBeNull();
  });

  it('is kept in the settings and in each joined room, validated on the way back', () => {
    const storage = memoryStorage();
    saveConnectionSettings(storage, { signaling: ['ws://h/signal'], iceServers: [], office });
    expect(loadConnectionSettings(storage, 'ws://x/signal').office).toEqual(office);
    storage.setItem('proofroom.connection', JSON.stringify({ office: { url: 'javascript:alert(1)', key: office.key } }));
    expect(loadConnectionSettings(storage, 'ws://x/signal').office).toBeNull();
    saveRooms(storage, new Map([[invite.issueId, { ...invite, office }]]));
    expect(loadRooms(storage).get(invite.issueId)?.office).toEqual(office);
    storage.setItem('proofroom.rooms', JSON.stringify({ [invite.issueId]: { ...invite, office: { url: office.url, key: 7 } } }));
    expect(loadRooms(storage).get(invite.issueId)).toEqual(invite);
  });
});
