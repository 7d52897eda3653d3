#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: npm packages, a Chromium for Playwright,
# CJK fonts so screenshots show Chinese, and redis-server for the office-peer tests (the tests
# start it themselves on loopback; nothing here runs it). Idempotent; quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm install, not npm ci: the lock lists optional platform packages (rollup's) that some
# registries do not serve, and npm ci refuses a lock it cannot fully satisfy.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund
fi

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; return; fi
  for c in /usr/bin/chromium /usr/bin/chromium-browser /snap/bin/chromium; do
    if [ -x "$c" ]; then echo "$c"; return; fi
  done
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if [ -z "$(find_chromium)" ]; then
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    echo "setup: installing Chromium and CJK fonts from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "setup: no system Chromium; installing Playwright's own browser"
    npx playwright install chromium
  fi
fi

if command -v fc-list >/dev/null && ! fc-list 2>/dev/null | grep -qi 'cjk'; then
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    echo "setup: installing CJK fonts"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-noto-cjk >/dev/null || {
      as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-noto-cjk >/dev/null; }
  else
    echo "setup: warning: no CJK fonts found; screenshots will show boxes for Chinese" >&2
  fi
fi
if ! command -v redis-server >/dev/null; then
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    echo "setup: installing redis-server from Debian"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null || {
      as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null; }
    # Debian's package starts a system service; the tests start their own on a free port.
    if command -v systemctl >/dev/null; then as_root systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
  else
    echo "setup: warning: no redis-server and no apt-get; the office-peer (Redis) tests will fail" >&2
  fi
fi
echo "setup: redis-server at $(command -v redis-server || echo 'missing')"
echo "setup: chromium at ${CHROMIUM:-$(find_chromium || echo 'playwright bundled')}"
