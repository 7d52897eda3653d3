// Registers the service worker that vite-plugin-pwa (Workbox) builds: it caches the app shell, so after
// one visit the app opens with no network. Only in a production build; the dev server has none.

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch((e: unknown) => {
      // No service worker (private mode, file://): the app still works while online.
      console.warn('service worker not registered', e);
    });
  };
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
