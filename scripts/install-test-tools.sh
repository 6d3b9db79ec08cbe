#!/usr/bin/env bash
# Installs what the tests need, each only when it is missing or out of date, so it is cheap to run every time.
# Quiet on success; on failure prints the failing step's output and exits non-zero.
#   - Chromium (Debian package) for the end-to-end tests: only when /usr/bin/chromium is missing (needs root).
#   - tests/e2e node packages (the Agents Playground and playwright-core, pinned by package-lock.json):
#     `npm ci` only when node_modules is missing or the lock file changed since the last install.
#   - The .NET tests need nothing beyond the SDK (scripts/test.sh restores the dotnet tools itself).
# Usage: scripts/install-test-tools.sh [--no-browser]   (from anywhere; scripts/test.sh calls it, scripts/dev.sh
#        with --no-browser since a person uses their own browser)
set -euo pipefail
browser=yes
[ "${1:-}" = "--no-browser" ] && browser=no
cd "$(dirname "$0")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
step() {
  if ! "$@" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "install-test-tools: '$*' failed" >&2
    exit 1
  fi
}

# --- Chromium -------------------------------------------------------------------------------------------------
if [ "$browser" = yes ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-tools: /usr/bin/chromium is missing; run this script as root (or: sudo apt-get install -y chromium)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  step apt-get update
  step apt-get install -y chromium
fi

# --- End-to-end test packages -----------------------------------------------------------------------------------
e2e="tests/e2e"
stamp="$e2e/node_modules/.install-stamp"          # inside node_modules: deleting it forces a reinstall
want="$(cat "$e2e/package.json" "$e2e/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ ! -d "$e2e/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step npm ci --prefix "$e2e" --no-audit --no-fund
  echo "$want" >"$stamp"
fi
