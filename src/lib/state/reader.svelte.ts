// What the reader is looking at: the current review (its first proof, from the library), which of
// its proofs (一校, 二校, …), the article, the contents filter and the reading preferences. It
// follows the router (the hash is the truth for review and article) and asks the library for
// issues; on first run it opens the bundled sample. The later proofs come from the review itself.
import type { Article, Issue } from '../issue/types';
import type { Proof } from '../review/proofs';
import { buildContents, filterContents, type ContentsSection } from './contents';
import type { Library } from './library.svelte';
import type { Route, Router } from './router.svelte';

const INDENT_KEY = 'proofroom.indent';
const ROUND_KEY = 'proofroom.round.';
/** The article last read, per issue: an issue opened without an article opens there. */
const LAST_KEY = 'proofroom.last.';

export class Reader {
  #library: Library;
  #router: Router;
  #storage: Storage | undefined;
  /** The review's first proof, as the library holds it. */
  #issue = $state.raw<Issue | null>(null);
  /** The review's proofs (from its doc), once known. */
  #proofs: () => readonly Proof[] = () => [];
  /** The round chosen (1-based), or null for the latest. */
  #round = $state.raw<number | null>(null);
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

  /** The proof on screen: the chosen round's, when its text is here; else the first. */
  #shown = $derived.by((): { proof: Proof | null; issue: Issue | null } => {
    const base = this.#issue;
    const round = this.#round;
    if (!base) return { proof: null, issue: null };
    const proofs = this.#proofs().filter((p) => p.issue);
    if (proofs.length === 0 || proofs[0]!.id !== base.id) return { proof: null, issue: base };
    const wanted = round ?? proofs[proofs.length - 1]!.round;
    const proof = proofs.find((p) => p.round === wanted) ?? proofs[proofs.length - 1]!;
    return { proof, issue: proof.round === 1 ? base : proof.issue };
  });
  #displayed = $derived(this.#shown.issue);
  #article = $derived.by(() => {
    const issue = this.#displayed;
    if (!issue) return null;
    return issue.articles.find((a) => a.id === this.#articleId) ?? issue.articles[0] ?? null;
  });
  #index = $derived.by(() => (this.#article && this.#displayed ? this.#displayed.articles.indexOf(this.#article) : -1));
  #contents = $derived.by(() => (this.#displayed ? buildContents(this.#displayed) : []));
  #filtered = $derived.by(() => filterContents(this.#contents, this.#filter));

  constructor(library: Library, router: Router, storage: Storage | undefined = globalThis.localStorage) {
    this.#library = library;
    this.#router = router;
    this.#storage = storage;
    this.#indent = readFlag(storage, INDENT_KEY, false);
  }

  /** The issue on screen: the proof being read (the first proof unless another round is chosen). */
  get issue(): Issue | null {
    return this.#displayed;
  }
  /** The review's first proof: what the review, its room and its library entry are named after. */
  get base(): Issue | null {
    return this.#issue;
  }
  /** The proof on screen (null while the review has not said what proofs it has). */
  get proof(): Proof | null {
    return this.#shown.proof;
  }
  /** The proof id new notes are made on: null for the first proof. */
  get proofId(): string | null {
    const proof = this.#shown.proof;
    return proof && proof.round > 1 ? proof.id : null;
  }

  /** Where the review's proofs come from (the open session's doc). */
  followProofs(proofs: () => readonly Proof[]): void {
    this.#proofs = proofs;
  }

  /** Shows round `round` of the review (1 = 一校); null follows the latest. Remembered per review. */
  setRound(round: number | null): void {
    this.#round = round;
    const id = this.#issue?.id;
    if (!id) return;
    try {
      if (round === null) this.#storage?.removeItem(ROUND_KEY + id);
      else this.#storage?.setItem(ROUND_KEY + id, String(round));
    } catch {
      // no storage: the choice lasts for this visit
    }
  }
  get article(): Article | null {
    return this.#article;
  }
  /** Position of the current article in reading order, or -1. */
  get index(): number {
    return this.#index;
  }
  get next(): Article | null {
    return this.#displayed?.articles[this.#index + 1] ?? null;
  }
  get prev(): Article | null {
    return this.#index > 0 ? (this.#displayed?.articles[this.#index - 1] ?? null) : null;
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

  /** Adds an issue already parsed to the library and shows it. */
  async openParsed(issue: Issue): Promise<void> {
    const generation = ++this.#generation;
    await this.#library.add(issue);
    if (generation === this.#generation) this.#show(issue, null, false);
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
    if (issue.id !== this.#issue?.id) {
      this.#filter = '';
      this.#round = readRound(this.#storage, issue.id);
    }
    if (this.#waiting !== null) this.#waiting = null;
    this.#issue = issue;
    // The article may be one of the proof on screen (a later round can retitle an article).
    const shown = this.#displayed ?? issue;
    const wanted = articleId ?? readText(this.#storage, LAST_KEY + issue.id);
    const known = shown.articles.some((a) => a.id === wanted) || issue.articles.some((a) => a.id === wanted);
    this.#articleId = known ? wanted : (shown.articles[0]?.id ?? null);
    if (this.#articleId) writeText(this.#storage, LAST_KEY + issue.id, this.#articleId);
    const route = this.#router.route;
    if (route.issueId !== issue.id || route.articleId !== this.#articleId) {
      this.#router.go({ issueId: issue.id, articleId: this.#articleId }, { replace });
    }
  }
}

function readRound(storage: Storage | undefined, id: string): number | null {
  const n = Number(readText(storage, ROUND_KEY + id));
  return Number.isInteger(n) && n >= 1 ? n : null;
}

function readText(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeText(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // No storage: remembered for this visit only.
  }
}

function readFlag(storage: Storage | undefined, key: string, fallback: boolean): boolean {
  const value = readText(storage, key);
  return value === null ? fallback : value === '1';
}

function writeFlag(storage: Storage | undefined, key: string, value: boolean): void {
  writeText(storage, key, value ? '1' : '0');
}
