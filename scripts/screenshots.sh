#!/usr/bin/env bash
# The README's "today" screenshots: builds the bot, starts it on a fresh database with the demo partnership as
# `dotnet run` loads it today (no clock set, nothing anchored) and the Agents Playground, checks that the cycle is
# alive (tests/e2e/demo-today.screens.mjs) and saves docs/screenshots/today-*.png. Stops both however it ends.
# Usage: scripts/screenshots.sh      (ports BOT_PORT 3978 and PLAYGROUND_PORT 56150 must be free)
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh || exit 1
# shellcheck source=../tests/e2e/lib/stack.sh
source tests/e2e/lib/stack.sh
STACK_LOGS="$PWD/artifacts/screenshots"
database="$(mktemp -d)"
mkdir -p "$STACK_LOGS"
trap 'stop_stack; rm -rf "$database" "$STACK_LOGS"/*.pid' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dotnet build src/CspBot.Web -nologo >"$STACK_LOGS/build.log" 2>&1 || { cat "$STACK_LOGS/build.log" >&2; exit 1; }
start_bot ConnectionStrings__Default="Data Source=$database/today.db" Database__Provider=Sqlite Demo__Seed=true || exit 1
start_playground || exit 1
node_flags=()
node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' || node_flags=(--experimental-websocket --disable-warning=ExperimentalWarning)
(cd tests/e2e && BOT_URL="$BOT_URL" PLAYGROUND_URL="$PLAYGROUND_URL" E2E_ARTIFACTS="$STACK_LOGS" node "${node_flags[@]}" demo-today.screens.mjs)
