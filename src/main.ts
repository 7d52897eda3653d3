// Composition root: builds the library, router and reader, mounts the app, then follows the hash.
import { mount, unmount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { Library } from './lib/state/library.svelte';
import { Reader } from './lib/state/reader.svelte';
import { Router } from './lib/state/router.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

const library = new Library();
const router = new Router(window);
const reader = new Reader(library, router);
const app = mount(App, { target, props: { library, reader } });
void reader.start();

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    reader.destroy();
    router.destroy();
    library.cancel();
    void unmount(app);
  });
}

export default app;
