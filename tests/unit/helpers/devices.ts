// A device for state tests: its own happy-dom window, localStorage, library and disk, on the
// in-memory network of a MemoryWorld; `boot` is a page load (the previous Workspace is destroyed).
import { Window } from 'happy-dom';
import { afterEach } from 'vitest';
import { Workspace } from '../../../src/lib/state/workspace.svelte.ts';
import type { MemoryDevice, MemoryWorld } from './memory-providers.ts';

export interface Device {
  providers: MemoryDevice;
  win: Window;
  /** A new Workspace on this device (a page load); the previous one, if any, is destroyed first. */
  boot(url?: string): Promise<Workspace>;
}

const open: Array<{ w: Workspace; win: Window }> = [];

/** Destroys every Workspace and window the file's devices made, after each test. */
export function closeDevicesAfterEach(): void {
  afterEach(async () => {
    for (const { w, win } of open.splice(0)) {
      await w.destroy();
      await win.happyDOM.close();
    }
  });
}

export function device(world: MemoryWorld, name: string): Device {
  const providers = world.device();
  const win = new Window({ url: 'http://proofroom.test/' });
  win.localStorage.setItem('proofroom.identity', JSON.stringify({ id: `u${name}tester`, name, colour: '#0f766e' }));
  let current: Workspace | null = null;
  return {
    providers,
    win,
    async boot(url) {
      if (current) {
        await current.destroy();
        open.splice(open.findIndex((o) => o.w === current), 1);
      }
      if (url) win.location.href = url;
      const w = new Workspace(providers, { window: win as unknown as globalThis.Window, storage: win.localStorage as unknown as Storage, base: '/' });
      open.push({ w, win });
      current = w;
      w.start(win.location.hash.startsWith('#/join/') ? win.location.href : null);
      return w;
    },
  };
}
