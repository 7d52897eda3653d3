// Colleagues present at once get distinct colours. Everyone keeps the colour they chose unless
// someone earlier in id order already has it; then they are shown in the first palette colour nobody
// present has. Every peer sees the same set of people, so every peer computes the same colours.

import { PERSON_COLOURS } from './identity.svelte.ts';

interface Person {
  id: string;
  colour: string;
}

export function assignColours(people: readonly Person[], palette: readonly string[] = PERSON_COLOURS): Map<string, string> {
  const byId = new Map<string, string>();
  for (const p of people) if (!byId.has(p.id)) byId.set(p.id, p.colour.toLowerCase());
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...byId.keys()].sort()) {
    const wanted = byId.get(id)!;
    const colour = !used.has(wanted) ? wanted : (palette.map((c) => c.toLowerCase()).find((c) => !used.has(c)) ?? wanted);
    used.add(colour);
    out.set(id, colour);
  }
  return out;
}

/** The peers with the colours they are shown in, next to me. */
export function distinctColours<T extends { user: Person }>(me: Person, peers: readonly T[]): T[] {
  const colours = assignColours([me, ...peers.map((p) => p.user)]);
  return peers.map((p) => {
    const colour = colours.get(p.user.id) ?? p.user.colour;
    return colour === p.user.colour ? p : { ...p, user: { ...p.user, colour } };
  });
}
