// The library of opened issues, kept in the storage it is given (IndexedDB in the app). Each issue
// is stored as `issue:<id>` (the parsed Issue) next to `meta:<id>` (what the list shows), written
// together. Opening a file parses it with the given parser (a worker in the app); only a successful
// parse touches the storage, so a bad file leaves the library as it was.
import { IssueError } from '../issue/errors';
import type { Issue } from '../issue/types';
import type { OpenError } from '../i18n/error-messages';
import type { KeyValueStorage, ParseFile, ParseProgress } from './providers';

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
export const SAMPLE_NAME = 'sample-issue.txt';
const metaKey = (id: string) => `meta:${id}`;
const issueKey = (id: string) => `issue:${id}`;

export interface LibraryProviders {
  storage: KeyValueStorage;
  parse: ParseFile;
  fetchSample(): Promise<Blob>;
}

export class Library {
  readonly #storage: KeyValueStorage;
  readonly #parse: ParseFile;
  readonly #fetchSample: () => Promise<Blob>;
  #entries = $state.raw<LibraryEntry[]>([]);
  #seeded = false;
  #opening = $state.raw<Opening | null>(null);
  #error = $state.raw<OpenError | null>(null);
  #job: { cancel(): void } | null = null;

  constructor({ storage, parse, fetchSample }: LibraryProviders) {
    this.#storage = storage;
    this.#parse = parse;
    this.#fetchSample = fetchSample;
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
    const metaKeys = (await this.#storage.keys()).filter((k) => k.startsWith('meta:'));
    const metas = await this.#storage.getMany<LibraryEntry>(metaKeys);
    this.#entries = metas.filter((m): m is LibraryEntry => !!m).sort((a, b) => b.addedAt - a.addedAt);
    this.#seeded = (await this.#storage.get<boolean>(SEEDED_KEY)) === true;
  }

  get(id: string): Promise<Issue | undefined> {
    return this.#storage.get<Issue>(issueKey(id));
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
    await this.#storage.setMany(writes);
    if (sample) this.#seeded = true;
    this.#entries = [entry, ...this.#entries.filter((e) => e.id !== issue.id)].sort(
      (a, b) => b.addedAt - a.addedAt,
    );
    return entry;
  }

  async remove(id: string): Promise<void> {
    await this.#storage.delMany([metaKey(id), issueKey(id)]);
    this.#entries = this.#entries.filter((e) => e.id !== id);
  }

  /** Parses `input` in the worker and adds it. Resolves to the issue, or null when it failed or was cancelled. */
  async open(input: Blob | ArrayBuffer, fileName: string, { sample = false } = {}): Promise<Issue | null> {
    return this.#parseWith(input, fileName, (issue) => this.#put(issue, sample));
  }

  /**
   * Parses `input` like open(), with the same progress and error reporting, without adding it to
   * the library (a next proof lives in its review). Resolves to null when it failed or was cancelled.
   */
  read(input: Blob | ArrayBuffer, fileName: string): Promise<Issue | null> {
    return this.#parseWith(input, fileName, async () => undefined);
  }

  async #parseWith(input: Blob | ArrayBuffer, fileName: string, keep: (issue: Issue) => Promise<unknown>): Promise<Issue | null> {
    this.cancel();
    this.#error = null;
    this.#opening = { fileName, progress: { phase: 'read', fraction: 0 } };
    // The token stands for this open; progress can arrive before parseInWorker returns its job.
    const token = { cancel: () => {} };
    this.#job = token;
    const job = this.#parse(input, fileName, (progress) => {
      if (this.#job === token) this.#opening = { fileName, progress };
    });
    token.cancel = () => job.cancel();
    try {
      const issue = await job.promise;
      if (this.#job !== token) return null;
      await keep(issue);
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

  /** Fetches the bundled sample and opens it. */
  async openSample(): Promise<Issue | null> {
    let blob: Blob;
    try {
      blob = await this.#fetchSample();
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
    return { code: err.code, fileName, detail: err.detail ?? err.message, ...(err.why ? { why: err.why } : {}) };
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
