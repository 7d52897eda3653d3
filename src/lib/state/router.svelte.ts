// The URL hash `#/<issueId>/<articleId>` names what is on screen. Each article visit pushes a
// history entry, so the browser's back and forward buttons move between articles.

export interface Route {
  issueId: string | null;
  articleId: string | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  return { issueId: parts[0] ?? null, articleId: parts[1] ?? null };
}

export function formatHash(route: Route): string {
  if (!route.issueId) return '#/';
  const article = route.articleId ? `/${encodeURIComponent(route.articleId)}` : '';
  return `#/${encodeURIComponent(route.issueId)}${article}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

type Listener = (route: Route) => void;

export interface RouterOptions {
  /** A hash another part of the app handles (a join link): it returns true and the route stays as it was. */
  claim?: (hash: string) => boolean;
}

export class Router {
  #route = $state.raw<Route>({ issueId: null, articleId: null });
  #listeners = new Set<Listener>();
  #window: Window;
  #claim: (hash: string) => boolean;
  #onLocation = () => {
    const hash = this.#window.location.hash;
    if (!this.#claim(hash)) this.#update(parseHash(hash));
  };

  constructor(win: Window = window, { claim = () => false }: RouterOptions = {}) {
    this.#window = win;
    this.#claim = claim;
    this.#route = parseHash(win.location.hash);
    // A back/forward between pushState entries fires popstate; a typed or pasted hash fires hashchange.
    win.addEventListener('popstate', this.#onLocation);
    win.addEventListener('hashchange', this.#onLocation);
  }

  get route(): Route {
    return this.#route;
  }

  /** Calls `listener` on every change of route, from the app or from the browser. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Shows `route`; `replace` rewrites the current history entry instead of adding one. */
  go(route: Route, { replace = false } = {}): void {
    const hash = formatHash(route);
    if (hash === this.#window.location.hash && sameRoute(route, this.#route)) return;
    const history = this.#window.history;
    if (replace) history.replaceState(history.state, '', hash);
    else history.pushState(null, '', hash);
    this.#update(route);
  }

  destroy(): void {
    this.#window.removeEventListener('popstate', this.#onLocation);
    this.#window.removeEventListener('hashchange', this.#onLocation);
    this.#listeners.clear();
  }

  #update(route: Route): void {
    if (sameRoute(route, this.#route)) return;
    this.#route = route;
    for (const listener of this.#listeners) listener(route);
  }
}

function sameRoute(a: Route, b: Route): boolean {
  return a.issueId === b.issueId && a.articleId === b.articleId;
}
