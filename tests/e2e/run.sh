#!/usr/bin/env bash
# End-to-end tests in a Teams client: starts the bot (Development, demo partnership, a fresh SQLite file) and the
# Microsoft 365 Agents Playground pointed at it, runs tests/e2e/*.test.mjs with Node's test runner (Chromium through
# playwright-core for the UI tests), and always stops both. Builds nothing: run `dotnet build CspBot.sln` first
# (scripts/test.sh does). Needs scripts/install-test-tools.sh to have run.
# Every Adaptive Card the bot sends meanwhile is captured (lib/card-capture.mjs) and then validated by the official
# renderer (sent-cards.check.mjs). Writes <results>/e2e.junit.xml and <results>/e2e-cards.junit.xml (both counted by
# scripts/summarise-tests.mjs) and <results>/e2e/ (bot and Playground logs, failure screenshots, the captured cards).
# Screenshots for the docs go to docs/screenshots (E2E_SCREENSHOTS overrides).
# Usage: tests/e2e/run.sh <results-folder>
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 <results-folder>" >&2; exit 2; }
mkdir -p "$1" && results="$(cd "$1" && pwd)" || exit 2

# shellcheck source=lib/stack.sh
source "$(dirname "$0")/lib/stack.sh"
STACK_LOGS="$results/e2e"
junit="$results/e2e.junit.xml"
cards_junit="$results/e2e-cards.junit.xml"
rm -rf "$STACK_LOGS" "$junit" "$cards_junit" && mkdir -p "$STACK_LOGS"
database="$(mktemp -d)"

test_runner=
cleanup() {
  local stopping=$SECONDS
  if [ -n "$test_runner" ]; then
    kill -TERM "$test_runner" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$test_runner" 2>/dev/null || break; sleep 0.2; done
  fi
  stop_stack
  rm -rf "$database" "$STACK_LOGS"/*.pid
  stack_log "e2e: bot and Playground stopped in $((SECONDS - stopping))s"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# When the bot or the Playground cannot start no test runs; record that as a failed test so the summary shows it.
setup_failed() {
  local message
  message="$(printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g')"
  printf '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n\t<testcase name="e2e setup" classname="e2e"><failure message="%s"/></testcase>\n</testsuites>\n' \
    "$message" >"$junit"
  stack_log "e2e: $1"
  exit 1
}

began=$SECONDS
start_bot ConnectionStrings__Default="Data Source=$database/e2e.db" Database__Provider=Sqlite Demo__Seed=true Demo__Anchor=2025-10-20 ||
  setup_failed "the bot did not start on $BOT_URL (log: $STACK_LOGS/bot.log)"
bot_ready=$SECONDS
start_playground || setup_failed "the Playground did not start on $PLAYGROUND_URL (logs: $STACK_LOGS/playground*.log)"
playground_ready=$SECONDS
stack_log "e2e: bot healthy after $((bot_ready - began))s, Playground ready after $((playground_ready - bot_ready))s"

mapfile -t node_flags < <(node_websocket_flags)
node_flags+=(--test --test-concurrency=1)

# run_tests <junit file> <node arguments…>: Node's test runner, reporting to the JUnit file and to stdout.
# In the background so that a signal to this script is handled at once (bash runs traps only between commands, but
# `wait` is interrupted); cleanup stops the test runner, which closes its browsers.
run_tests() {
  local destination="$1" code
  shift
  (
    PLAYGROUND_URL="$PLAYGROUND_URL" BOT_URL="$BOT_URL" E2E_ARTIFACTS="$STACK_LOGS" \
      exec node "${node_flags[@]}" \
      --test-reporter=junit --test-reporter-destination="$destination" \
      --test-reporter=spec --test-reporter-destination=stdout \
      "$@"
  ) &
  test_runner=$!
  wait "$test_runner"
  code=$?
  test_runner=
  return "$code"
}

# From tests/e2e, where the test files are; every path above is absolute. The preload keeps every Adaptive Card the
# bot sends, per test file, under $STACK_LOGS/cards.
# E2E_TESTS narrows the run to some files while working on them ("./pmg.test.mjs"); CI runs them all.
cd "$E2E_DIR" || exit 1
read -r -a test_files <<<"${E2E_TESTS:-$(echo ./*.test.mjs)}"
run_tests "$junit" --import ./lib/card-capture.mjs "${test_files[@]}"
status=$?
stack_log "e2e: tests ran in $((SECONDS - playground_ready))s"
# Needs neither the bot nor the Playground: the official renderer in Chromium checks what was captured.
checking=$SECONDS
run_tests "$cards_junit" ./sent-cards.check.mjs || status=1
stack_log "e2e: the cards sent were validated in $((SECONDS - checking))s"

if [ "$status" -ne 0 ]; then
  for log in bot playground playground-app; do
    [ -s "$STACK_LOGS/$log.log" ] || continue
    echo "---- the end of $STACK_LOGS/$log.log ----" >&2
    tail -n 30 "$STACK_LOGS/$log.log" >&2
  done
  echo "e2e: FAILED (exit $status); logs and failure screenshots are in $STACK_LOGS" >&2
fi
exit "$status"
