// Two proofs made ready for comparison: every article's flattened text and token stream, the
// article match, and for every matched pair its token diff (slid to breaks, see slide.ts, and
// cleaned, see words.ts) with the alignment carry-over reads positions from. Built once per
// comparison; pairs are compared one by one, never the whole issue at once.
//
//   new Proofs(oldIssue, newIssue)
//     .oldSide(id) / .newSide(id)   {article, at, tokens} or null
//     .pair(oldId)                  {old, neu, align} for a matched old article, or null
//     .articles                     old id → new id

import { articleText, type ArticleText } from '../anchor/article-text.ts';
import type { Article, Issue } from '../issue/types.ts';
import { Alignment } from './alignment.ts';
import { matchArticles } from './match-articles.ts';
import { diffIds } from './myers.ts';
import { slideHunks } from './slide.ts';
import { Interner, tokenize, type Tokens } from './tokens.ts';
import { cleanHunks } from './words.ts';

export interface Side {
  article: Article;
  at: ArticleText;
  tokens: Tokens;
}

export interface Pair {
  old: Side;
  neu: Side;
  align: Alignment;
}

function articlesOf(issue: Issue): Article[] {
  return Array.isArray(issue?.articles) ? issue.articles.filter((a) => a && Array.isArray(a.blocks) && typeof a.id === 'string') : [];
}

export class Proofs {
  readonly oldIssue: Issue;
  readonly newIssue: Issue;
  readonly oldArticles: Article[];
  readonly newArticles: Article[];
  readonly articles: Map<string, string>;
  readonly interner = new Interner();
  readonly #oldById = new Map<string, Article>();
  readonly #newById = new Map<string, Article>();
  readonly #sides = new Map<Article, Side>();
  readonly #pairs = new Map<string, Pair | null>();

  constructor(oldIssue: Issue, newIssue: Issue) {
    this.oldIssue = oldIssue;
    this.newIssue = newIssue;
    this.oldArticles = articlesOf(oldIssue);
    this.newArticles = articlesOf(newIssue);
    for (const a of this.oldArticles) if (!this.#oldById.has(a.id)) this.#oldById.set(a.id, a);
    for (const a of this.newArticles) if (!this.#newById.has(a.id)) this.#newById.set(a.id, a);
    this.articles = matchArticles(this.oldArticles, this.newArticles);
  }

  #side(article: Article): Side {
    let side = this.#sides.get(article);
    if (!side) {
      const at = articleText(article);
      side = { article, at, tokens: tokenize(at.text, this.interner) };
      this.#sides.set(article, side);
    }
    return side;
  }

  oldSide(id: string): Side | null {
    const a = this.#oldById.get(id);
    return a ? this.#side(a) : null;
  }

  newSide(id: string): Side | null {
    const a = this.#newById.get(id);
    return a ? this.#side(a) : null;
  }

  pair(oldId: string): Pair | null {
    let pair = this.#pairs.get(oldId);
    if (pair !== undefined) return pair;
    const newId = this.articles.get(oldId);
    const old = this.oldSide(oldId);
    const neu = newId === undefined ? null : this.newSide(newId);
    pair = null;
    if (old && neu) {
      const raw = diffIds(old.tokens.ids, neu.tokens.ids);
      const hunks = cleanHunks(slideHunks(raw, old.tokens, old.at.text, neu.tokens, neu.at.text), old.tokens.ids);
      pair = { old, neu, align: new Alignment(hunks, old.tokens.ids.length, neu.tokens.ids.length) };
    }
    this.#pairs.set(oldId, pair);
    return pair;
  }

  /** New articles no old article was matched to. */
  addedArticles(): Article[] {
    const matched = new Set(this.articles.values());
    return this.newArticles.filter((a) => !matched.has(a.id));
  }
}
