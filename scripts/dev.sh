#!/usr/bin/env bash
# The local dev loop: builds the bot, starts it with the demo partnership and starts the Microsoft 365 Agents
# Playground (a Teams client in the browser) pointed at it, then waits. Open the printed URL yourself; Ctrl-C stops both.
# You are Priya Shah (performance officer) in the Playground; the people, group chat and team "Haringey CSP" are in
# tests/e2e/.m365agentsplayground.yml. The database is the one `dotnet run` uses (src/CspBot.Web/data/cspbot.db).
# Usage: scripts/dev.sh [--fresh]     --fresh: delete that database first, so the demo partnership is loaded anew
# Ports: BOT_PORT (3978) and PLAYGROUND_PORT (56150). Logs: artifacts/dev/.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--fresh" ]; then
  rm -f src/CspBot.Web/data/cspbot.db src/CspBot.Web/data/cspbot.db-wal src/CspBot.Web/data/cspbot.db-shm
elif [ $# -gt 0 ]; then
  sed -n '2,8s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi

scripts/install-test-tools.sh --no-browser || exit 1
# shellcheck source=../tests/e2e/lib/stack.sh
source tests/e2e/lib/stack.sh
STACK_LOGS="$PWD/artifacts/dev"
mkdir -p "$STACK_LOGS"

echo "Building the bot…"
dotnet build src/CspBot.Web -nologo >"$STACK_LOGS/build.log" 2>&1 || { cat "$STACK_LOGS/build.log" >&2; exit 1; }
trap 'stop_stack; rm -f "$STACK_LOGS"/*.pid; echo "Stopped the bot and the Playground."' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting the bot on $BOT_URL…"
start_bot || exit 1
echo "Starting the Playground on $PLAYGROUND_URL…"
start_playground || exit 1

cat <<TEXT

  Open $PLAYGROUND_URL in a browser.

  You are Priya Shah in her personal chat with CSP Bot: type help. The group chat "CSP Leads" and the
  team "Haringey CSP" (General, Performance) are in the sidebar; there, @mention the bot (type @CSP and pick it).
  Logs: artifacts/dev/bot.log and artifacts/dev/playground-app.log. Press Ctrl-C to stop both.

TEXT

# Wait until Ctrl-C, or until either process ends by itself.
while :; do
  for name in bot playground; do
    if ! kill -0 "$(cat "$STACK_LOGS/$name.pid")" 2>/dev/null; then
      echo "The $name stopped by itself; the end of $STACK_LOGS/$name.log:" >&2
      tail -n 30 "$STACK_LOGS/$name.log" >&2
      exit 1
    fi
  done
  sleep 1
done
