// Composition root: builds the library, router, reader, review desk and collaboration, mounts the
// app, then follows the hash. A join link in the address (`#/join/…`) is taken out of it first.
import { mount, unmount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { Library } from './lib/state/library.svelte';
import { Reader } from './lib/state/reader.svelte';
import { Router } from './lib/state/router.svelte';
import { Identity } from './lib/state/identity.svelte';
import { ReviewDesk } from './lib/state/review-desk.svelte';
import { Collab } from './lib/state/collab.svelte';
import { CollabSettings } from './lib/state/collab-settings.svelte';
import { ReviewPackages } from './lib/state/collab-packages.svelte';
import { isJoinFragment } from './lib/sync/share-link';
import { registerServiceWorker } from './lib/sync/service-worker';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// The secret must not stay in the address bar (or be bookmarked): keep the link, show `#/`.
const startLink = isJoinFragment(location.hash) ? location.href : null;
if (startLink) history.replaceState(history.state, '', '#/');

let collab: Collab | null = null;
const library = new Library();
const router = new Router(window, {
  claim: (hash) => {
    if (!isJoinFragment(hash)) return false;
    collab?.join(hash);
    return true;
  },
});
const reader = new Reader(library, router);
const desk = new ReviewDesk(new Identity());
collab = new Collab(desk, reader, library, new CollabSettings(location.href, import.meta.env.BASE_URL));
const packages = new ReviewPackages(desk);
desk.follow(() => reader.issue);
// The hash names the issue: its review starts loading now, while the library loads its text.
if (!startLink && router.route.issueId) desk.open(router.route.issueId);
const stopCollab = collab.start();
if (startLink) collab.join(startLink);
const app = mount(App, { target, props: { library, reader, desk, collab, packages } });
void reader.start();
registerServiceWorker();

// End-to-end tests and benchmarks drive the real app through this handle (never in a normal visit).
if (import.meta.env.DEV || new URLSearchParams(location.search).has('test')) {
  (window as unknown as { __proofroomApp: unknown }).__proofroomApp = { library, reader, desk, collab, packages, router };
}

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    stopCollab();
    void desk.destroy();
    reader.destroy();
    router.destroy();
    library.cancel();
    void unmount(app);
  });
}

export default app;
