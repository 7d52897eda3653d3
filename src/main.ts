// Composition root: chooses the providers (IndexedDB stores, WebRTC rooms with an optional office peer,
// awareness presence, the parse worker), builds the app's state from them, mounts the app and starts following the hash.
// A join link in the address (`#/join/…`) is taken out of it first.
import { mount, unmount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { Workspace } from './lib/state/workspace.svelte';
import type { Providers } from './lib/state/providers';
import { idbLibraryStorage } from './lib/sync/library-storage';
import { LocalStore } from './lib/sync/local-store';
import { Presence, PRESENCE_THROTTLE_MS } from './lib/sync/presence';
import { deleteLocalReview, requestPersistentStorage } from './lib/sync/review-db';
import { openRoom } from './lib/sync/office-room';
import { registerServiceWorker } from './lib/sync/service-worker';
import { isJoinFragment } from './lib/sync/share-link';
import { installTestHooks } from './lib/testing/e2e-hooks';
import { SAMPLE_NAME } from './lib/state/library.svelte';
import { parseInWorker } from './lib/worker/parse-client';
import { workerChecks } from './lib/worker/checks-client';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// The secret must not stay in the address bar (or be bookmarked): keep the link, show `#/`.
const joinLink = isJoinFragment(location.hash) ? location.href : null;
if (joinLink) history.replaceState(history.state, '', '#/');

const providers: Providers = {
  openStore: (issueId, doc) => new LocalStore(issueId, doc),
  deleteStore: deleteLocalReview,
  requestPersistence: requestPersistentStorage,
  openRoom: (doc, options) => openRoom(doc, options),
  presence: (awareness, local) => new Presence(awareness, local, { throttleMs: PRESENCE_THROTTLE_MS }),
  libraryStorage: idbLibraryStorage(),
  parse: parseInWorker,
  runChecks: workerChecks().run,
  // Relative to the app, so a sub-path deploy works.
  fetchSample: async () => {
    const response = await fetch(`${import.meta.env.BASE_URL}${SAMPLE_NAME}`);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return response.blob();
  },
};

const workspace = new Workspace(providers, { window, storage: safeLocalStorage(), base: import.meta.env.BASE_URL });
// Only the e2e build has test hooks; in any other build this branch and the module it calls are dropped.
if (import.meta.env.MODE === 'e2e') installTestHooks(workspace);
workspace.start(joinLink);
const app = mount(App, { target, props: { workspace } });
registerServiceWorker();

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: preferences last for this visit
  }
}

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    void workspace.destroy();
    void unmount(app);
  });
}

export default app;
