// 校对助手, the second pair of eyes: runs the automatic checks (src/lib/checks) over the proof on
// screen in a worker whenever it or the house list changes, never holding up reading, and keeps
// their findings as notes of their own kind. Accepting one makes it an ordinary suggestion (or
// comment) by the person who accepted it; dismissing one marks it "not an error" for everyone, and
// it stays so when the checks run again or a new proof arrives. Checks can be switched off here.
// Also: the shared house list (用字表), and the error-rate meter against the periodicals' pass line.

import { starterHouseList } from '../checks/starter-house-list.ts';
import type { Finding, HousePair } from '../checks/types.ts';
import type { Issue } from '../issue/types.ts';
import { deleteHousePair, dismissLike, isDismissedLike, markFinding, markKey, setHousePair } from '../review/checker.ts';
import type { Note } from '../review/types.ts';
import type { ChecksResult, RunChecks } from '../worker/checks-client.ts';
import type { Reader } from './reader.svelte.ts';
import type { ReviewDesk } from './review-desk.svelte.ts';

const DISABLED_KEY = 'proofroom.checks.off';
/** 报纸期刊质量管理规定 (2020): a periodical passes with at most 2 errors in 10,000 characters. */
export const PASS_LINE = 2;

export interface ErrorRate {
  errors: number;
  chars: number;
  /** Errors per 10,000 characters. */
  per10k: number;
  passes: boolean;
}

export class Checker {
  readonly #desk: ReviewDesk;
  readonly #reader: Reader;
  readonly #run: RunChecks;
  readonly #storage: Storage | undefined;
  #found = $state.raw<{ issue: Issue; findings: Finding[] } | null>(null);
  #checks = $state.raw<ChecksResult['checks']>([]);
  #running = $state(false);
  #failed = $state.raw<string | null>(null);
  #disabled = $state.raw<ReadonlySet<string>>(new Set());
  /** Bumped per run asked for: a slower older run does not overwrite a newer one's findings. */
  #generation = 0;

  constructor(desk: ReviewDesk, reader: Reader, run: RunChecks, storage: Storage | undefined) {
    this.#desk = desk;
    this.#reader = reader;
    this.#run = run;
    this.#storage = storage;
    try {
      const saved = JSON.parse(storage?.getItem(DISABLED_KEY) ?? '[]') as unknown;
      if (Array.isArray(saved)) this.#disabled = new Set(saved.filter((x): x is string => typeof x === 'string'));
    } catch {
      // unreadable setting: every check on
    }
  }

  get running(): boolean {
    return this.#running;
  }
  get failed(): string | null {
    return this.#failed;
  }
  get disabled(): ReadonlySet<string> {
    return this.#disabled;
  }
  /** Every check there is (known after the first run). */
  get checks(): ChecksResult['checks'] {
    return this.#checks;
  }

  /** The editors' house list, shared in the review. */
  get house(): HousePair[] {
    return (this.#desk.session?.house ?? []).map((p) => ({ wrong: p.wrong, right: p.right, ...(p.note ? { note: p.note } : {}) }));
  }

  /** Findings on the proof on screen that nobody has dismissed or accepted, of the checks switched on. */
  get findings(): Finding[] {
    return this.#open;
  }

  /** Open findings per article of the proof on screen. */
  get byArticle(): Map<string, Finding[]> {
    return this.#byArticle;
  }

  #open = $derived.by((): Finding[] => {
    const found = this.#found;
    const session = this.#desk.session;
    if (!found || !session || found.issue !== this.#reader.issue) return [];
    const marks = session.marks;
    // A finding accepted into a note that was deleted since (or undone) is open again.
    const notes = new Set(session.notes.notes.map((n) => n.id));
    const settled = (key: string): boolean => {
      const mark = marks.byKey.get(key);
      return !!mark && (mark.status === 'dismissed' || notes.has(mark.noteId));
    };
    return found.findings.filter(
      (f) => !this.#disabled.has(f.check) && !settled(this.key(f)) && !isDismissedLike(marks, f.check, f.quote),
    );
  });

  #byArticle = $derived.by(() => {
    const out = new Map<string, Finding[]>();
    for (const f of this.#open) {
      let list = out.get(f.articleId);
      if (!list) out.set(f.articleId, (list = []));
      list.push(f);
    }
    return out;
  });

  /** A finding's key for marks: its check, text and a little context in the proof it was found in. */
  key(f: Finding): string {
    const text = this.#blockText(f.blockId);
    return markKey(f.check, f.quote, text.slice(Math.max(0, f.start - 8), f.start), text.slice(f.end, f.end + 8));
  }

  #texts: { issue: Issue; byBlock: Map<string, string> } | null = null;
  #blockText(blockId: string): string {
    const issue = this.#found?.issue;
    if (!issue) return '';
    if (this.#texts?.issue !== issue) {
      const byBlock = new Map<string, string>();
      for (const a of issue.articles) for (const b of a.blocks) byBlock.set(b.id, b.text);
      this.#texts = { issue, byBlock };
    }
    return this.#texts.byBlock.get(blockId) ?? '';
  }

  /** Runs the checks again when the proof on screen or the house list changes; returns the stop function. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = $effect.root(() => {
      $effect(() => {
        const issue = this.#reader.issue;
        const house = this.house;
        if (!issue || !this.#desk.session) return;
        clearTimeout(timer);
        // After the proof has painted: reading comes first.
        timer = setTimeout(() => void this.check(issue, house), 300);
      });
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  /** Runs every check over `issue` (the starter house list with the editors' pairs). */
  async check(issue: Issue, house: HousePair[] = this.house): Promise<void> {
    const generation = ++this.#generation;
    this.#running = true;
    this.#failed = null;
    try {
      // The starter list, with the editors' pairs taking precedence over it.
      const mine = new Set(house.map((p) => p.wrong));
      const houseList = [...starterHouseList().filter((p) => !mine.has(p.wrong)), ...house];
      const result = await this.#run(issue, { houseList });
      if (generation === this.#generation) {
        this.#found = { issue, findings: result.findings };
        this.#checks = result.checks;
      }
    } catch (e) {
      if (generation === this.#generation) this.#failed = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.#generation) this.#running = false;
    }
  }

  /** Makes a finding an ordinary note by me (a suggestion when it proposes a fix, else a comment); its id. */
  accept(f: Finding): string | null {
    const session = this.#desk.session;
    const issue = this.#found?.issue;
    const article = issue?.articles.find((a) => a.id === f.articleId);
    const block = article?.blocks.find((b) => b.id === f.blockId);
    if (!session || !article || !block) return null;
    const target = {
      articleId: article.id,
      blockId: block.id,
      start: f.start,
      endBlockId: block.id,
      end: f.end,
      quote: f.quote,
      prefix: block.text.slice(Math.max(0, f.start - 32), f.start),
      suffix: block.text.slice(f.end, f.end + 32),
    };
    const body = f.message.zh;
    const proof = this.#reader.proofId;
    const draft = f.suggestion
      ? { target, kind: 'suggestion' as const, category: f.category, body, suggestion: f.suggestion, proof }
      : { target, kind: 'comment' as const, category: f.category, body, proof };
    const r = session.createNote(draft);
    if (!r.ok) return null;
    markFinding(session.doc, this.key(f), 'accepted', session.me.author, r.id);
    return r.id;
  }

  /** "Not an error", for everyone. */
  dismiss(f: Finding): void {
    const session = this.#desk.session;
    if (session) markFinding(session.doc, this.key(f), 'dismissed', session.me.author);
  }

  /** "Not an error" for every finding of this check with this text. */
  dismissAllLike(f: Finding): void {
    const session = this.#desk.session;
    if (session) dismissLike(session.doc, f.check, f.quote, session.me.author);
  }

  setEnabled(check: string, on: boolean): void {
    const next = new Set(this.#disabled);
    if (on) next.delete(check);
    else next.add(check);
    this.#disabled = next;
    try {
      this.#storage?.setItem(DISABLED_KEY, JSON.stringify([...next]));
    } catch {
      // no storage: the choice lasts for this visit
    }
  }

  addPair(pair: HousePair): boolean {
    const session = this.#desk.session;
    return !!session && setHousePair(session.doc, pair, session.me.author);
  }

  removePair(wrong: string): void {
    const session = this.#desk.session;
    if (session) deleteHousePair(session.doc, wrong);
  }

  /**
   * Confirmed errors per 10,000 characters of an article (or the whole proof): suggestions accepted,
   * and findings someone accepted as errors.
   */
  errorRate(articleId: string | null): ErrorRate | null {
    const session = this.#desk.session;
    const issue = this.#reader.issue;
    if (!session || !issue) return null;
    const articles = articleId ? issue.articles.filter((a) => a.id === articleId) : issue.articles;
    const chars = articles.reduce((n, a) => n + a.blocks.reduce((m, b) => m + b.text.length, 0), 0);
    const ids = new Set(articles.map((a) => a.id));
    const accepted = new Set([...session.marks.byKey.values()].filter((m) => m.status === 'accepted').map((m) => m.noteId));
    const here = session.notesIn(this.#reader.proof?.id ?? session.issueId).all;
    const errors = here.filter(
      (p) =>
        p.target &&
        ids.has(p.target.articleId) &&
        (isAcceptedSuggestion(p.note) || (accepted.has(p.note.id) && p.note.status !== 'rejected')),
    ).length;
    const per10k = chars > 0 ? (errors / chars) * 10_000 : 0;
    return { errors, chars, per10k, passes: per10k <= PASS_LINE };
  }
}

const isAcceptedSuggestion = (n: Note): boolean => n.kind === 'suggestion' && n.status === 'accepted';
