#!/usr/bin/env bash
# Installs what the tests need, each only when it is missing or out of date, so it is cheap to run every time.
# Quiet on success; on failure prints the failing step's output and exits non-zero.
#   - LibreOffice Writer without a GUI (Debian libreoffice-writer-nogui), which renders the board paper to PDF in a
#     test, and poppler-utils (pdftoppm) for the paper's pages in the docs: only when /usr/bin/soffice or
#     /usr/bin/pdftoppm is missing (needs root).
#   - PostgreSQL (Debian's postgresql package) for the multi-instance and database-fault .NET tests, which start a
#     private server of their own: only when no initdb is under /usr/lib/postgresql/*/bin (needs root). If it cannot
#     be installed the script says so loudly and carries on: those tests then skip, and scripts/test.sh repeats why.
#   - Chromium and a colour emoji font (Debian packages) for the end-to-end tests: only when /usr/bin/chromium or
#     the font is missing (needs root). Without the font the cards' status symbols (🔴 🟠 ⏳) show as empty boxes.
#   - tests/e2e node packages (the Agents Playground, playwright-core and the adaptivecards renderer) and
#     tests/teams-toolkit (Microsoft 365 Agents Toolkit CLI, `atk`), pinned by their package-lock.json: `npm ci` only
#     when node_modules is missing or the lock file changed since the last install.
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

# apt_install <what is missing> <apt-get install arguments…>: as root, or stop saying how to do it by hand.
apt_install() {
  local missing="$1"
  shift
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-tools: $missing is missing; run this script as root (or: sudo apt-get install -y $*)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  step apt-get update
  step apt-get install -y "$@"
}

# --- Chromium and the emoji font ----------------------------------------------------------------------------------
emoji_font=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
if [ "$browser" = yes ] && { [ ! -x /usr/bin/chromium ] || [ ! -f "$emoji_font" ]; }; then
  apt_install "chromium or fonts-noto-color-emoji" chromium fonts-noto-color-emoji
fi

# --- LibreOffice (the board paper rendered to PDF) and poppler-utils (its pages as pictures for the docs) -------------
if [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftoppm ]; then
  apt_install "LibreOffice or poppler-utils" --no-install-recommends libreoffice-writer-nogui poppler-utils
fi

# --- PostgreSQL ------------------------------------------------------------------------------------------------------
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pg_log="$(mktemp)"
  if [ "$(id -u)" -eq 0 ] && { DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$pg_log" 2>&1; then
    # The package starts a cluster of its own; the tests run private ones, so leave nothing listening.
    service postgresql stop >/dev/null 2>&1 || true
  else
    tail -n 5 "$pg_log" >&2
    echo "install-test-tools: !!! could not install PostgreSQL (Debian package postgresql; needs root and apt):" \
      "the multi-instance and database-fault tests will be SKIPPED !!!" >&2
  fi
  rm -f "$pg_log"
fi

# --- Node packages: the end-to-end tests, and the Agents Toolkit CLI for the Deployment tests -------------------------
# npm_ci <folder> [npm flags…]: `npm ci` only when node_modules is missing or package*.json changed since the last one.
npm_ci() {
  local folder="$1" stamp want
  shift
  stamp="$folder/node_modules/.install-stamp"     # inside node_modules: deleting it forces a reinstall
  want="$(cat "$folder/package.json" "$folder/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ ! -d "$folder/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step npm ci --prefix "$folder" --no-audit --no-fund "$@"
    echo "$want" >"$stamp"
  fi
}
npm_ci tests/e2e
# Without install scripts: the CLI's optional keychain module (keytar) would compile native code, and validating
# offline never uses it.
npm_ci tests/teams-toolkit --ignore-scripts
