// The Chromium that tests and benchmarks drive: the system one when present (browser downloads
// are impossible on CI), with the flags a closed network and same-machine WebRTC need.

import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Peers in two browser contexts on one machine must see each other's real loopback candidates.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** CHROMIUM_PATH, else Debian's chromium; undefined lets Playwright use its own browser. */
export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
}

export function launchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumPath();
  return { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS };
}
