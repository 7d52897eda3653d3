// This device's copy of the issue in the open review: put into the review doc once it has loaded
// (a no-op when it is there already), and kept there — when a peer removes, damages or replaces it,
// it is written back (review/issue-guard.ts) and the view is told, so it can say so.

import type * as Y from 'yjs';
import type { Issue } from '../issue/types.ts';
import { readIssue } from '../review/index.ts';
import { guardIssue, provideIssue, type IssueDamage } from '../review/issue-guard.ts';

export class IssueKeeper {
  readonly #doc: Y.Doc;
  readonly #issueId: string;
  readonly #loaded: Promise<void>;
  readonly #onFirstWrite: () => void;
  readonly #stop: () => void;
  /** This device's copy, once provided: what a damaged issue is restored from. */
  #own: Issue | null = null;
  #restored = $state.raw<{ damage: IssueDamage; count: number } | null>(null);

  /** `onFirstWrite`: called when the issue was written into the doc for the first time. */
  constructor(doc: Y.Doc, issueId: string, loaded: Promise<void>, onFirstWrite: () => void) {
    this.#doc = doc;
    this.#issueId = issueId;
    this.#loaded = loaded;
    this.#onFirstWrite = onFirstWrite;
    this.#stop = guardIssue(doc, issueId, { own: () => this.#own, onRestore: (damage) => this.#count(damage) });
  }

  /** A peer removed, damaged or replaced the issue text and this device wrote its copy back. */
  get restored(): { damage: IssueDamage; count: number } | null {
    return this.#restored;
  }

  provide(issue: Issue): Promise<void> {
    if (issue.id !== this.#issueId) return Promise.resolve();
    this.#own = issue;
    return this.#loaded.then(() => {
      if (this.#doc.isDestroyed) return;
      // Providing replaces another issue a peer put here; that is a restore, and is said so.
      const before = readIssue(this.#doc);
      const written = provideIssue(this.#doc, issue);
      if (written === 'written' && before.issue && before.issue.id !== issue.id) this.#count('replaced');
      if (written === 'written') this.#onFirstWrite();
    });
  }

  destroy(): void {
    this.#stop();
  }

  #count(damage: IssueDamage): void {
    this.#restored = { damage, count: (this.#restored?.count ?? 0) + 1 };
  }
}
