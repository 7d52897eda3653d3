// The app's state, built from the providers main.ts chose: the library, the router, the reader, the
// review desk, collaboration and review packages, wired together; and the use cases that span
// several of them (deleting an issue with its review and its room).

import { isJoinFragment } from '../sync/share-link.ts';
import { Collab } from './collab.svelte.ts';
import { ReviewPackages } from './collab-packages.svelte.ts';
import { CollabSettings } from './collab-settings.svelte.ts';
import { Identity } from './identity.svelte.ts';
import { Library } from './library.svelte.ts';
import type { Providers } from './providers.ts';
import { Reader } from './reader.svelte.ts';
import { ReviewDesk } from './review-desk.svelte.ts';
import { Router } from './router.svelte.ts';

export interface WorkspaceEnv {
  window: Window;
  /** localStorage, or undefined where there is none. */
  storage: Storage | undefined;
  /** The app's base path (Vite's BASE_URL). */
  base: string;
}

export class Workspace {
  readonly library: Library;
  readonly router: Router;
  readonly reader: Reader;
  readonly desk: ReviewDesk;
  readonly collab: Collab;
  readonly packages: ReviewPackages;
  readonly #stops: Array<() => void> = [];

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
    this.packages = new ReviewPackages(this.desk);
  }

  /**
   * Starts following the route, the open issue and the network. `joinLink` is a share link the app
   * was opened with (taken out of the address bar by the caller).
   */
  start(joinLink: string | null): void {
    this.#stops.push(this.desk.follow(() => this.reader.issue));
    // The hash names the issue: its review starts loading now, while the library loads its text.
    const issueId = this.router.route.issueId;
    if (!joinLink && issueId) this.desk.open(issueId);
    this.#stops.push(this.collab.start());
    if (joinLink) this.collab.join(joinLink);
    void this.reader.start();
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
