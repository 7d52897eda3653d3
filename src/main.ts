// Composition root: builds the library, router, reader and review desk, mounts the app, then follows the hash.
import { mount, unmount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { Library } from './lib/state/library.svelte';
import { Reader } from './lib/state/reader.svelte';
import { Router } from './lib/state/router.svelte';
import { Identity } from './lib/state/identity.svelte';
import { ReviewDesk } from './lib/state/review-desk.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

const library = new Library();
const router = new Router(window);
const reader = new Reader(library, router);
const desk = new ReviewDesk(new Identity());
desk.follow(() => reader.issue);
const app = mount(App, { target, props: { library, reader, desk } });
void reader.start();

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    void desk.destroy();
    reader.destroy();
    router.destroy();
    library.cancel();
    void unmount(app);
  });
}

export default app;
