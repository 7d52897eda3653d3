// What the reader is looking at: the current issue and article, the contents filter and the
// reading preferences. It follows the router (the hash is the truth for issue and article) and
// asks the library for issues; on first run it opens the bundled sample.
import type { Article, Issue } from '../issue/types';
import { buildContents, filterContents, type ContentsSection } from './contents';
import type { Library } from './library.svelte';
import type { Route, Router } from './router.svelte';

const INDENT_KEY = 'proofroom.indent';

export class Reader {
  #library: Library;
  #router: Router;
  #storage: Storage | undefined;
  #issue = $state.raw<Issue | null>(null);
  #articleId = $state.raw<string | null>(null);
  #filter = $state('');
  #indent = $state(false);
  #ready = $state.raw(false);
  /** An issue joined by link that the library lacks: the route waits for peers to send it. */
  #expected: string | null = null;
  #waiting = $state.raw<string | null>(null);
  #unsubscribe: (() => void) | null = null;
  // Each route change gets a number; a slow load that a newer change overtook is dropped.
  #generation = 0;

  #article = $derived.by(() => this.#issue?.articles.find((a) => a.id === this.#articleId) ?? null);
  #index = $derived.by(() => (this.#article && this.#issue ? this.#issue.articles.indexOf(this.#article) : -1));
  #contents = $derived.by(() => (this.#issue ? buildContents(this.#issue) : []));
  #filtered = $derived.by(() => filterContents(this.#contents, this.#filter));

  constructor(library: Library, router: Router, storage: Storage | undefined = globalThis.localStorage) {
    this.#library = library;
    this.#router = router;
    this.#storage = storage;
    this.#indent = readFlag(storage, INDENT_KEY, false);
  }

  get issue(): Issue | null {
    return this.#issue;
  }
  get article(): Article | null {
    return this.#article;
  }
  /** Position of the current article in reading order, or -1. */
  get index(): number {
    return this.#index;
  }
  get next(): Article | null {
    return this.#issue?.articles[this.#index + 1] ?? null;
  }
  get prev(): Article | null {
    return this.#index > 0 ? (this.#issue?.articles[this.#index - 1] ?? null) : null;
  }
  get filter(): string {
    return this.#filter;
  }
  /** The contents with the filter applied; sections and groups left empty are dropped. */
  get contents(): ContentsSection[] {
    return this.#filtered;
  }
  get indent(): boolean {
    return this.#indent;
  }
  /** False until the first route has been followed (the library is loaded, the sample opened). */
  get ready(): boolean {
    return this.#ready;
  }

  /** The issue id being waited for from peers (joined by link, not yet in the library), or null. */
  get waiting(): string | null {
    return this.#waiting;
  }

  /** Goes to an issue joined by link; if the library lacks it, waits for it instead of reporting it missing. */
  expectIssue(issueId: string): void {
    this.#expected = issueId;
    const route = { issueId, articleId: null };
    if (this.#router.route.issueId === issueId) void this.#follow(route);
    else this.#router.go(route, { replace: true });
  }

  async start(): Promise<void> {
    try {
      await this.#library.load();
      this.#unsubscribe = this.#router.subscribe((route) => void this.#follow(route));
      await this.#follow(this.#router.route);
    } finally {
      this.#ready = true;
    }
  }

  destroy(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  setFilter(text: string): void {
    this.#filter = text;
  }

  toggleIndent(): void {
    this.#indent = !this.#indent;
    writeFlag(this.#storage, INDENT_KEY, this.#indent);
  }

  goTo(articleId: string): void {
    if (!this.#issue) return;
    this.#router.go({ issueId: this.#issue.id, articleId });
  }

  goNext(): void {
    if (this.next) this.goTo(this.next.id);
  }

  goPrev(): void {
    if (this.prev) this.goTo(this.prev.id);
  }

  /** Opens an issue from the library (or one just parsed) at its first article. */
  // Each open takes a turn; one that finishes after a newer open or navigation shows nothing,
  // so the sample loading on first run cannot take over from a file the reader chose meanwhile.
  async openIssue(id: string, { replace = false } = {}): Promise<void> {
    const generation = ++this.#generation;
    const issue = id === this.#issue?.id ? this.#issue : await this.#library.get(id);
    if (issue && generation === this.#generation) this.#show(issue, null, replace);
  }

  async openFile(file: Blob, name: string): Promise<void> {
    const generation = ++this.#generation;
    const issue = await this.#library.open(file, name);
    if (issue && generation === this.#generation) this.#show(issue, null, false);
  }

  async openSample(): Promise<void> {
    const generation = ++this.#generation;
    const issue = await this.#library.openSample();
    if (issue && generation === this.#generation) this.#show(issue, null, this.#router.route.issueId === null);
  }

  async deleteIssue(id: string): Promise<void> {
    await this.#library.remove(id);
    if (this.#issue?.id !== id) return;
    this.#issue = null;
    this.#articleId = null;
    const other = this.#library.entries[0];
    if (other) await this.openIssue(other.id, { replace: true });
    else this.#router.go({ issueId: null, articleId: null }, { replace: true });
  }

  async #follow(route: Route): Promise<void> {
    const generation = ++this.#generation;
    if (!route.issueId) return this.#openDefault();
    if (route.issueId === this.#issue?.id) return this.#show(this.#issue, route.articleId, true);
    const issue = await this.#library.get(route.issueId);
    if (generation !== this.#generation) return;
    if (issue) return this.#show(issue, route.articleId, true);
    if (route.issueId === this.#expected) {
      this.#issue = null;
      this.#articleId = null;
      this.#waiting = route.issueId;
      return;
    }
    this.#library.report({ code: 'not-in-library', fileName: route.issueId });
    await this.#openDefault();
  }

  async #openDefault(): Promise<void> {
    const newest = this.#library.entries[0];
    if (newest) return this.openIssue(newest.id, { replace: true });
    if (!this.#library.seeded) return this.openSample();
    this.#issue = null;
    this.#articleId = null;
  }

  /**
   * Shows `issue` at `articleId`, or at its first article when that id is missing or unknown,
   * and brings the hash in line; `replace` when that is a fix-up rather than a new place to be.
   */
  #show(issue: Issue, articleId: string | null, replace: boolean): void {
    if (issue !== this.#issue) this.#filter = '';
    if (this.#waiting !== null) this.#waiting = null;
    this.#issue = issue;
    const known = issue.articles.some((a) => a.id === articleId);
    this.#articleId = known ? articleId : (issue.articles[0]?.id ?? null);
    const route = this.#router.route;
    if (route.issueId !== issue.id || route.articleId !== this.#articleId) {
      this.#router.go({ issueId: issue.id, articleId: this.#articleId }, { replace });
    }
  }
}

function readFlag(storage: Storage | undefined, key: string, fallback: boolean): boolean {
  try {
    const value = storage?.getItem(key) ?? null;
    return value === null ? fallback : value === '1';
  } catch {
    return fallback;
  }
}

function writeFlag(storage: Storage | undefined, key: string, value: boolean): void {
  try {
    storage?.setItem(key, value ? '1' : '0');
  } catch {
    // No storage: the preference lasts for this visit.
  }
}
