// Keeps one Session open for the issue being read: opening another issue closes the last one's
// session (its store flushed) and opens the next. Also flushes on pagehide so nothing is lost
// when the tab is closed right after a save.

import type { Issue } from '../issue/types.ts';
import type { Identity } from './identity.svelte.ts';
import type { Providers } from './providers.ts';
import { Session } from './session.svelte.ts';

export type DeskProviders = Pick<Providers, 'openStore' | 'deleteStore' | 'requestPersistence'>;

export class ReviewDesk {
  readonly #identity: Identity;
  readonly #providers: DeskProviders;
  #askedPersistence = false;
  #session = $state.raw<Session | null>(null);
  #stop: (() => void) | null = null;
  /** Sessions being closed (store flushed, doc destroyed), by issue id. */
  readonly #closing = new Map<string, Promise<void>>();

  constructor(identity: Identity, providers: DeskProviders) {
    this.#identity = identity;
    this.#providers = providers;
  }

  get session(): Session | null {
    return this.#session;
  }
  get identity(): Identity {
    return this.#identity;
  }

  /** Opens (or keeps) the session of this issue. `issue` may be omitted when it will come from peers. */
  open(issueId: string, issue?: Issue): Session {
    const current = this.#session;
    if (current?.issueId === issueId) {
      if (issue) current.provideIssue(issue);
      return current;
    }
    if (current) void this.#close(current);
    const next = new Session(issueId, this.#identity, this.#providers.openStore, issue);
    this.#session = next;
    return next;
  }

  /** Follows an issue getter (the reader's) for the life of the app; returns the stop function. */
  follow(issue: () => Issue | null): () => void {
    this.#stop?.();
    const onHide = () => void this.#session?.flush();
    addEventListener('pagehide', onHide);
    addEventListener('visibilitychange', onHide);
    const stopEffect = $effect.root(() => {
      $effect(() => {
        const current = issue();
        if (current) this.open(current.id, current);
      });
    });
    this.#stop = () => {
      stopEffect();
      removeEventListener('pagehide', onHide);
      removeEventListener('visibilitychange', onHide);
    };
    return this.#stop;
  }

  /** Closes this issue's session if it is open, and resolves once no session of it is left. */
  async close(issueId: string): Promise<void> {
    const current = this.#session;
    if (current?.issueId === issueId) {
      this.#session = null;
      void this.#close(current);
    }
    await this.#closing.get(issueId);
  }

  /** Closes this issue's session if open and deletes its saved review from this device. */
  async deleteReview(issueId: string): Promise<void> {
    await this.close(issueId);
    await this.#providers.deleteStore(issueId);
  }

  /** Once per visit, after the first note: asks the browser to keep saved reviews under storage pressure. */
  keepSavedReviews(): void {
    if (this.#askedPersistence) return;
    this.#askedPersistence = true;
    void this.#providers.requestPersistence();
  }

  #close(session: Session): Promise<void> {
    const done = session.destroy().finally(() => {
      if (this.#closing.get(session.issueId) === done) this.#closing.delete(session.issueId);
    });
    this.#closing.set(session.issueId, done);
    return done;
  }

  async destroy(): Promise<void> {
    this.#stop?.();
    this.#stop = null;
    const s = this.#session;
    this.#session = null;
    await s?.destroy();
  }
}
