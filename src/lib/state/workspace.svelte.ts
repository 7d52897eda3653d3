// The app's state, built from the providers main.ts chose: the library, the router, the reader, the
// review desk, collaboration and review packages, wired together; and the use cases that span
// several of them (deleting an issue with its review and its room).

import { looksLikeRevision } from '../issue/revision.ts';
import type { Issue } from '../issue/types.ts';
import { isJoinFragment } from '../sync/share-link.ts';
import { Collab } from './collab.svelte.ts';
import { ReviewPackages } from './collab-packages.svelte.ts';
import { CollabSettings } from './collab-settings.svelte.ts';
import { Identity } from './identity.svelte.ts';
import { Library, type LibraryEntry } from './library.svelte.ts';
import type { Providers } from './providers.ts';
import { Reader } from './reader.svelte.ts';
import { ReviewDesk } from './review-desk.svelte.ts';
import { Checker } from './checker.svelte.ts';
import { Exports } from './exports.svelte.ts';
import { Rounds } from './rounds.svelte.ts';
import { Router } from './router.svelte.ts';
import { Stitches } from './stitches.svelte.ts';

export interface WorkspaceEnv {
  window: Window;
  /** localStorage, or undefined where there is none. */
  storage: Storage | undefined;
  /** The app's base path (Vite's BASE_URL). */
  base: string;
}

/** A file just opened that looks like the next proof of an issue in the library. */
export interface RevisionOffer {
  issue: Issue;
  base: LibraryEntry;
  /** Share of its text the base has too (0..1). */
  shared: number;
}

export class Workspace {
  readonly library: Library;
  readonly router: Router;
  readonly reader: Reader;
  readonly desk: ReviewDesk;
  readonly collab: Collab;
  readonly packages: ReviewPackages;
  readonly rounds: Rounds;
  readonly exports: Exports;
  readonly checker: Checker;
  readonly stitches: Stitches;
  readonly #stops: Array<() => void> = [];
  #offer = $state.raw<RevisionOffer | null>(null);

  constructor(providers: Providers, env: WorkspaceEnv) {
    const win = env.window;
    this.library = new Library({ storage: providers.libraryStorage, parse: providers.parse, fetchSample: providers.fetchSample });
    // A join link pasted into the address bar later is the collaboration's to take, not a route.
    this.router = new Router(win, {
      claim: (hash) => {
        if (!isJoinFragment(hash)) return false;
        this.collab.join(hash);
        return true;
      },
    });
    this.reader = new Reader(this.library, this.router, env.storage);
    this.desk = new ReviewDesk(new Identity(env.storage), providers);
    const settings = new CollabSettings(win.location.href, env.base, env.storage);
    this.collab = new Collab(this.desk, this.reader, this.library, settings, providers, win);
    this.packages = new ReviewPackages(this.desk, () => ({ issue: this.reader.issue, proof: this.reader.proofId }));
    this.rounds = new Rounds(this.desk, this.reader, this.library);
    this.exports = new Exports(this.desk, this.reader);
    this.checker = new Checker(this.desk, this.reader, providers.runChecks, env.storage);
    this.stitches = new Stitches(this.desk, this.reader);
  }

  /**
   * Starts following the route, the open issue and the network. `joinLink` is a share link the app
   * was opened with (taken out of the address bar by the caller).
   */
  start(joinLink: string | null): void {
    // The review is named by its first proof; the reader shows whichever of its proofs is chosen.
    this.#stops.push(this.desk.follow(() => this.reader.base));
    this.reader.followProofs(() => this.desk.session?.proofs ?? []);
    // The hash names the issue: its review starts loading now, while the library loads its text.
    const issueId = this.router.route.issueId;
    if (!joinLink && issueId) this.desk.open(issueId);
    this.#stops.push(this.collab.start());
    this.#stops.push(this.rounds.start());
    this.#stops.push(this.checker.start());
    if (joinLink) this.collab.join(joinLink);
    void this.reader.start();
  }

  /** A file that looks like the next proof of an issue in the library, waiting for the reader to say. */
  get offer(): RevisionOffer | null {
    return this.#offer;
  }

  /**
   * Opens a file the reader chose. One that looks like a revision of an issue in the library (same
   * issue label, most of its text) is offered as that review's next proof instead of opened apart.
   */
  async openFile(file: Blob, name: string): Promise<void> {
    this.#offer = null;
    const issue = await this.library.read(file, name);
    if (!issue) return;
    const offer = await this.#revisionOf(issue);
    if (offer) this.#offer = offer;
    else await this.reader.openParsed(issue);
  }

  /** Adds the offered file as the next proof of its review, and shows it there. */
  async acceptOffer(): Promise<void> {
    const offer = this.#offer;
    this.#offer = null;
    if (!offer) return;
    const base = await this.library.get(offer.base.id);
    if (!base) return this.reader.openParsed(offer.issue);
    const session = this.desk.open(base.id, base);
    await this.reader.openIssue(base.id);
    await session.provideIssue(base);
    this.rounds.add(offer.issue, session);
  }

  /** Opens the offered file as an issue of its own. */
  async declineOffer(): Promise<void> {
    const offer = this.#offer;
    this.#offer = null;
    if (offer) await this.reader.openParsed(offer.issue);
  }

  async #revisionOf(issue: Issue): Promise<RevisionOffer | null> {
    if (this.library.entries.some((e) => e.id === issue.id)) return null;
    let best: RevisionOffer | null = null;
    // Only issues of the same title are read and compared (the most recent few: each costs a read).
    for (const entry of this.library.entries.filter((e) => e.title === issue.title).slice(0, 8)) {
      const base = await this.library.get(entry.id);
      const match = base ? looksLikeRevision(issue, base) : null;
      if (match && (!best || match.shared > best.shared)) best = { issue, base: entry, shared: match.shared };
    }
    return best;
  }

  /** Deletes an issue from the library; with `notes`, also its review on this device and its room. */
  async deleteIssue(id: string, { notes }: { notes: boolean }): Promise<void> {
    await this.reader.deleteIssue(id);
    if (!notes) return;
    this.collab.settings.forget(id);
    await this.desk.deleteReview(id);
  }

  async destroy(): Promise<void> {
    for (const stop of this.#stops.splice(0)) stop();
    this.reader.destroy();
    this.router.destroy();
    this.library.cancel();
    await this.desk.destroy();
  }
}
