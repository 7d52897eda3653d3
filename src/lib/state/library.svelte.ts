// The library of opened issues, kept in IndexedDB (idb-keyval, database 'proofroom-library').
// Each issue is stored as `issue:<id>` (the parsed Issue) next to `meta:<id>` (what the list shows),
// written in one transaction. Opening a file parses it in the worker; only a successful parse
// touches the store, so a bad file leaves the library as it was.
import { createStore, delMany, get, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import { IssueError } from '../issue/errors';
import type { Issue } from '../issue/types';
import type { OpenError } from '../i18n/error-messages';
import { parseInWorker, type ParseProgress } from '../worker/parse-client';

export interface LibraryEntry {
  id: string;
  title: string;
  fileName: string;
  bytes: number;
  addedAt: number;
}

export interface Opening {
  fileName: string;
  progress: ParseProgress;
}

const SEEDED_KEY = 'seeded';
const SAMPLE_NAME = 'sample-issue.txt';
const metaKey = (id: string) => `meta:${id}`;
const issueKey = (id: string) => `issue:${id}`;

export class Library {
  #store: UseStore;
  #entries = $state.raw<LibraryEntry[]>([]);
  #seeded = false;
  #opening = $state.raw<Opening | null>(null);
  #error = $state.raw<OpenError | null>(null);
  #job: { cancel(): void } | null = null;

  constructor(dbName = 'proofroom-library') {
    this.#store = createStore(dbName, 'issues');
  }

  /** Newest first. */
  get entries(): LibraryEntry[] {
    return this.#entries;
  }
  /** True once the bundled sample has been added, so deleting it does not bring it back. */
  get seeded(): boolean {
    return this.#seeded;
  }
  get opening(): Opening | null {
    return this.#opening;
  }
  get error(): OpenError | null {
    return this.#error;
  }

  async load(): Promise<void> {
    const allKeys = (await keys(this.#store)).filter((k): k is string => typeof k === 'string');
    const metaKeys = allKeys.filter((k) => k.startsWith('meta:'));
    const metas = await getMany<LibraryEntry | undefined>(metaKeys, this.#store);
    this.#entries = metas.filter((m): m is LibraryEntry => !!m).sort((a, b) => b.addedAt - a.addedAt);
    this.#seeded = (await get<boolean>(SEEDED_KEY, this.#store)) === true;
  }

  get(id: string): Promise<Issue | undefined> {
    return get<Issue>(issueKey(id), this.#store);
  }

  /** Stores a parsed issue; the same issue added again replaces its copy and keeps its date. */
  add(issue: Issue): Promise<LibraryEntry> {
    return this.#put(issue, false);
  }

  async #put(issue: Issue, sample: boolean): Promise<LibraryEntry> {
    const existing = this.#entries.find((e) => e.id === issue.id);
    const entry: LibraryEntry = {
      id: issue.id,
      title: issue.title,
      fileName: issue.source.name,
      bytes: issue.source.bytes,
      addedAt: existing?.addedAt ?? Date.now(),
    };
    const writes: [string, unknown][] = [[metaKey(issue.id), entry], [issueKey(issue.id), issue]];
    if (sample) writes.push([SEEDED_KEY, true]);
    await setMany(writes, this.#store);
    if (sample) this.#seeded = true;
    this.#entries = [entry, ...this.#entries.filter((e) => e.id !== issue.id)].sort(
      (a, b) => b.addedAt - a.addedAt,
    );
    return entry;
  }

  async remove(id: string): Promise<void> {
    await delMany([metaKey(id), issueKey(id)], this.#store);
    this.#entries = this.#entries.filter((e) => e.id !== id);
  }

  /** Parses `input` in the worker and adds it. Resolves to the issue, or null when it failed or was cancelled. */
  async open(input: Blob | ArrayBuffer, fileName: string, { sample = false } = {}): Promise<Issue | null> {
    this.cancel();
    this.#error = null;
    this.#opening = { fileName, progress: { phase: 'read', fraction: 0 } };
    // The token stands for this open; progress can arrive before parseInWorker returns its job.
    const token = { cancel: () => {} };
    this.#job = token;
    const job = parseInWorker(input, fileName, (progress) => {
      if (this.#job === token) this.#opening = { fileName, progress };
    });
    token.cancel = () => job.cancel();
    try {
      const issue = await job.promise;
      if (this.#job !== token) return null;
      await this.#put(issue, sample);
      return issue;
    } catch (err) {
      if (this.#job === token) this.#error = toOpenError(err, fileName);
      return null;
    } finally {
      if (this.#job === token) {
        this.#job = null;
        this.#opening = null;
      }
    }
  }

  /** Fetches the bundled sample (relative to the app, so a sub-path deploy works) and opens it. */
  async openSample(): Promise<Issue | null> {
    let blob: Blob;
    try {
      const response = await fetch(`${import.meta.env.BASE_URL}${SAMPLE_NAME}`);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      blob = await response.blob();
    } catch (err) {
      this.#error = { code: 'sample', fileName: SAMPLE_NAME, detail: String(err) };
      return null;
    }
    return this.open(blob, SAMPLE_NAME, { sample: true });
  }

  cancel(): void {
    const job = this.#job;
    if (!job) return;
    this.#job = null;
    this.#opening = null;
    job.cancel();
  }

  report(error: OpenError): void {
    this.#error = error;
  }

  dismissError(): void {
    this.#error = null;
  }
}

function toOpenError(err: unknown, fileName: string): OpenError | null {
  if (err instanceof DOMException && err.name === 'AbortError') return null;
  if (err instanceof IssueError || isIssueErrorLike(err)) {
    return { code: err.code, fileName, detail: err.detail ?? err.message };
  }
  return { code: 'unknown', fileName, detail: err instanceof Error ? err.message : String(err) };
}

// An IssueError that crossed the worker boundary may arrive as a plain object with the same fields.
function isIssueErrorLike(err: unknown): err is IssueError {
  return (
    typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'IssueError' &&
    typeof (err as { code?: unknown }).code === 'string'
  );
}
