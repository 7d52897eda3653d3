// Reading W3C Web Annotation JSON-LD from any tool into plain records, without trusting its shape:
// a single Annotation, an array, an AnnotationPage or an AnnotationCollection (items inline, or an
// embedded `first` page and the embedded pages after it). Never throws; every problem is a message.

import { hashString } from '../issue/ids.ts';
import { EXT, bareTerm } from './w3c-vocab.ts';

export interface RawSelectorSet {
  quote: { exact: string; prefix: string; suffix: string } | null;
  /** In code points, as the model counts. */
  position: { start: number; end: number } | null;
}

export interface RawTarget extends RawSelectorSet {
  /** The source IRI, or the target's own IRI when it is a bare link (a reply's target). */
  source: string | null;
  /** True when the target is a bare IRI with no selector: a link to a whole resource. */
  link: boolean;
}

export interface RawBody {
  value: string;
  purposes: string[];
}

export interface RawAgent {
  id: string | null;
  name: string | null;
  colour: string | null;
}

export interface RawAnnotation {
  /** The annotation's IRI; one made from its content when it has none. */
  id: string;
  motivations: string[];
  bodies: RawBody[];
  targets: RawTarget[];
  creator: RawAgent | null;
  created: number | null;
  modified: number | null;
  /** Our extension properties, when present and strings. */
  ext: { category?: string; status?: string; op?: string; highlight?: string };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const idOf = (o: Obj): string | null => str(o.id) ?? str(o['@id']);
const typesOf = (o: Obj): string[] => list(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string').map(bareTerm);

/** A JSON-LD value: a string, or `{ "@value": "…" }`. */
function literal(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v['@value'] === 'string') return v['@value'];
  return null;
}

function time(v: unknown): number | null {
  const s = literal(list(v)[0]);
  if (s === null) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

const MAX_PAGES = 10_000;

/** The annotation objects of whatever was given, with a path for each, and what could not be read. */
function items(json: unknown, errors: string[]): Array<{ at: string; value: unknown }> {
  if (Array.isArray(json)) return json.map((value, i) => ({ at: `item ${i + 1}`, value }));
  if (!isObj(json)) {
    errors.push('Not W3C Web Annotation JSON-LD: expected an Annotation, an array of them or an AnnotationCollection.');
    return [];
  }
  const types = typesOf(json);
  const pageItems = (page: Obj, n: number) => list(page.items).map((value, i) => ({ at: `page ${n}, item ${i + 1}`, value }));
  if (types.includes('AnnotationCollection')) {
    if (json.items !== undefined) return list(json.items).map((value, i) => ({ at: `item ${i + 1}`, value }));
    const out: Array<{ at: string; value: unknown }> = [];
    let page: unknown = json.first;
    for (let n = 1; page !== undefined && page !== null && n <= MAX_PAGES; n++) {
      if (!isObj(page)) {
        errors.push(`The collection's page ${n} is only linked (${String(str(page) ?? typeof page).slice(0, 80)}), not included; its annotations were not imported.`);
        break;
      }
      out.push(...pageItems(page, n));
      page = page.next;
    }
    if (json.first === undefined && json.total !== 0 && json.total !== undefined) errors.push('The collection has no `first` page: nothing to import.');
    return out;
  }
  if (types.includes('AnnotationPage')) return pageItems(json, 1);
  return [{ at: 'the annotation', value: json }];
}

function selectors(value: unknown): RawSelectorSet {
  const set: RawSelectorSet = { quote: null, position: null };
  for (const s of list(value)) {
    if (!isObj(s)) continue;
    const types = typesOf(s);
    if (types.includes('TextQuoteSelector') && !set.quote) {
      const exact = literal(s.exact);
      if (exact !== null) set.quote = { exact, prefix: literal(s.prefix) ?? '', suffix: literal(s.suffix) ?? '' };
    } else if (types.includes('TextPositionSelector') && !set.position) {
      const start = s.start;
      const end = s.end;
      if (Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) >= (start as number)) {
        set.position = { start: start as number, end: end as number };
      }
    }
    // A refined selector (e.g. a quote inside a fragment) still names the passage.
    if (isObj(s.refinedBy) && (!set.quote || !set.position)) {
      const inner = selectors(s.refinedBy);
      set.quote ??= inner.quote;
      set.position ??= inner.position;
    }
  }
  return set;
}

function target(value: unknown): RawTarget | null {
  if (typeof value === 'string') return { source: value, link: true, quote: null, position: null };
  if (!isObj(value)) return null;
  const sel = selectors(value.selector);
  const source = str(value.source) ?? (isObj(value.source) ? idOf(value.source) : null);
  if (source !== null || sel.quote || sel.position) return { source, link: false, ...sel };
  // An object with only an id is a link, like a bare IRI.
  const id = idOf(value);
  return id === null ? null : { source: id, link: true, quote: null, position: null };
}

function body(value: unknown, bodyValue: unknown): RawBody[] {
  const out: RawBody[] = [];
  const plain = literal(bodyValue);
  if (plain !== null) out.push({ value: plain, purposes: [] });
  for (const b of list(value)) {
    if (!isObj(b)) continue; // a body given as an IRI is content we cannot read here
    const v = literal(b.value) ?? literal(b['rdf:value']) ?? literal(b.chars);
    if (v === null) continue;
    out.push({ value: v, purposes: list(b.purpose).filter((p): p is string => typeof p === 'string').map(bareTerm) });
  }
  return out;
}

function agent(value: unknown): RawAgent | null {
  const first = list(value)[0];
  if (typeof first === 'string') return { id: first, name: null, colour: null };
  if (!isObj(first)) return null;
  const name = literal(list(first.name)[0]) ?? literal(list(first.nickname)[0]) ?? literal(list(first['foaf:name'])[0]);
  return { id: idOf(first), name, colour: str(first[EXT.colour]) };
}

function annotation(at: string, value: unknown, errors: string[]): RawAnnotation | null {
  if (!isObj(value)) {
    errors.push(`${at} is not an annotation (not a JSON object).`);
    return null;
  }
  const types = typesOf(value);
  if (types.length > 0 && !types.includes('Annotation')) {
    errors.push(`${at} is of type ${types.join('/')}, not an Annotation; skipped.`);
    return null;
  }
  // The id is what makes a second import add nothing; one is made from the content when missing.
  const id = idOf(value) ?? `urn:proofroom:content:${hashString(JSON.stringify(value))}`;
  const targets = list(value.target).map(target).filter((t): t is RawTarget => t !== null);
  if (targets.length === 0) {
    errors.push(`${at} (${id.slice(0, 80)}) has no target it could be anchored by; skipped.`);
    return null;
  }
  const ext: RawAnnotation['ext'] = {};
  for (const key of ['category', 'status', 'op', 'highlight'] as const) {
    const v = str(value[EXT[key]]);
    if (v !== null) ext[key] = v;
  }
  return {
    id,
    motivations: list(value.motivation).filter((m): m is string => typeof m === 'string').map(bareTerm),
    bodies: body(value.body, value.bodyValue),
    targets,
    creator: agent(value.creator),
    created: time(value.created),
    modified: time(value.modified),
    ext,
  };
}

/** Every annotation in `json`, with messages for what was skipped. A string is parsed as JSON first. */
export function readAnnotations(json: unknown): { annotations: RawAnnotation[]; errors: string[] } {
  const errors: string[] = [];
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { annotations: [], errors: [`Not valid JSON: ${(e as Error).message}`] };
    }
  }
  const annotations: RawAnnotation[] = [];
  const seen = new Set<string>();
  for (const { at, value: item } of items(value, errors)) {
    const a = annotation(at, item, errors);
    if (!a) continue;
    if (seen.has(a.id)) {
      errors.push(`${at} repeats the annotation ${a.id.slice(0, 80)}; the first one was kept.`);
      continue;
    }
    seen.add(a.id);
    annotations.push(a);
  }
  return { annotations, errors };
}
