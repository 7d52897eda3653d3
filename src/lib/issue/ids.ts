// Deterministic ids: a 53-bit FNV-1a-style hash of a string, printed in base 36.
// Same input, same id, on every machine; no crypto needed for identity.

export function hashString(input: string): string {
  let h1 = 0x811c9dc5 ^ 0;
  let h2 = 0x01000193 ^ 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  h1 = (h1 ^ (h1 >>> 15)) >>> 0;
  h2 = (h2 ^ (h2 >>> 13)) >>> 0;
  return ((h2 & 0x1fffff) * 0x100000000 + h1).toString(36);
}

/** Returns `base`, or `base-2`, `base-3`… so that ids stay unique within one issue. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Article id from its printed title: stable across re-parses and across proofs that keep the title. */
export function makeArticleId(title: string, taken: Set<string>): string {
  return uniqueId(`a${hashString(title.replace(/\s+/g, '')).slice(0, 7)}`, taken);
}

/** Block id: the article id and the block's position in it (title block is 0). */
export function makeBlockId(articleId: string, index: number): string {
  return `${articleId}.${index}`;
}

/** Section id from its title (an untitled section, before any heading, is `contents`). */
export function makeSectionId(title: string, taken: Set<string>): string {
  return uniqueId(`s${hashString(title || 'contents').slice(0, 6)}`, taken);
}

/** Contents entry id from its position in the contents and its title. */
export function makeEntryId(position: number, title: string, taken: Set<string>): string {
  return uniqueId(`e${hashString(`${position}:${title}`).slice(0, 6)}`, taken);
}
