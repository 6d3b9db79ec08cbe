# shellcheck shell=bash
# Starts and stops the bot and the Microsoft 365 Agents Playground; sourced by tests/e2e/run.sh, scripts/dev.sh and scripts/screenshots.sh.
# Each process runs in its own session (setsid), so stopping it ends its whole process group and a Ctrl-C in the
# terminal reaches only the calling script, which then stops both through its trap.
#
# The caller sets: STACK_LOGS (folder for logs and pid files). Optional: BOT_PORT (3978), PLAYGROUND_PORT (56150),
# CONFIGURATION (Debug). Facts about the Playground: /work/shared/design/PLAYGROUND.md.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/../.." && pwd)"
BOT_PORT="${BOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
BOT_URL="http://127.0.0.1:$BOT_PORT"
PLAYGROUND_URL="http://127.0.0.1:$PLAYGROUND_PORT"
STACK_PGIDS=()

# The flags Node needs for the Playground's conversation stream (WebSocket): Node 20 has it only behind a flag, Node 22
# and later built in. Prints them one a line, for: mapfile -t flags < <(node_websocket_flags)
node_websocket_flags() {
  node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' ||
    printf '%s\n' --experimental-websocket --disable-warning=ExperimentalWarning
}

stack_log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# True when something already listens on 127.0.0.1:<port>.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when GET <url> answers 2xx and its body contains <text> (node, so curl is not needed).
http_ok() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) })
    .then(async (r) => process.exit(r.ok && (await r.text()).includes(process.argv[2]) ? 0 : 1), () => process.exit(1))' "$1" "${2:-}"
}

# run_in_session <name> <dir> <command…>: starts the command in <dir>, in a new session, stdin from /dev/null,
# output to $STACK_LOGS/<name>.log; records its process-group id.
run_in_session() {
  local name="$1" dir="$2" pidfile="$STACK_LOGS/$1.pid"
  shift 2
  rm -f "$pidfile"
  (cd "$dir" && exec setsid bash -c 'echo $$ >"$0" && exec "$@"' "$pidfile" "$@" </dev/null >"$STACK_LOGS/$name.log" 2>&1) &
  local tries=0
  until [ -s "$pidfile" ]; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && { stack_log "$name did not start"; return 1; }
    sleep 0.05
  done
  STACK_PGIDS+=("$(cat "$pidfile")")
}

# wait_for <name> <url> <text> <seconds> <pidfile>: polls until the URL answers with the text; fails early if the
# process has exited.
wait_for() {
  local name="$1" url="$2" text="$3" seconds="$4" pid
  pid="$(cat "$STACK_LOGS/$name.pid")"
  local deadline=$((SECONDS + seconds))
  until http_ok "$url" "$text"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      stack_log "$name exited before it was ready; the end of $STACK_LOGS/$name.log:"
      tail -n 40 "$STACK_LOGS/$name.log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      stack_log "$name was not ready at $url after ${seconds}s; the end of $STACK_LOGS/$name.log:"
      tail -n 40 "$STACK_LOGS/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

# The built web app (scripts/test.sh and scripts/dev.sh build it; run.sh does not).
bot_dll() {
  local dll
  dll="$(ls "$REPO_ROOT"/src/CspBot.Web/bin/"${CONFIGURATION:-Debug}"/net*/CspBot.Web.dll 2>/dev/null | head -n 1)"
  [ -n "$dll" ] || { stack_log "src/CspBot.Web is not built: run 'dotnet build CspBot.sln' first"; return 1; }
  echo "$dll"
}

# start_bot [NAME=VALUE…]: the bot in Development (no Bot Framework authentication) on 127.0.0.1:$BOT_PORT, with
# the content root and working folder of `dotnet run` (src/CspBot.Web); extra settings as environment variables.
start_bot() {
  local dll
  dll="$(bot_dll)" || return 1
  port_in_use "$BOT_PORT" && { stack_log "port $BOT_PORT is in use: stop the other bot first (or set BOT_PORT)"; return 1; }
  run_in_session bot "$REPO_ROOT/src/CspBot.Web" env ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS="$BOT_URL" DOTNET_NOLOGO=1 "$@" dotnet "$dll" || return 1
  wait_for bot "$BOT_URL/health" Healthy 180
}

# start_playground: the Agents Playground as Teams (msteams channel) on 127.0.0.1:$PLAYGROUND_PORT, pointed at the
# bot, with the users, chats and team of tests/e2e/.m365agentsplayground.yml, its connector as the serviceUrl,
# no telemetry, no browser, and loopback.cjs so that it listens on loopback only.
start_playground() {
  local bin="$E2E_DIR/node_modules/.bin/agentsplayground"
  [ -x "$bin" ] || { stack_log "the Playground is not installed: run scripts/install-test-tools.sh"; return 1; }
  # It would fall back to a random port when its own is busy, and we would then talk to someone else's.
  port_in_use "$PLAYGROUND_PORT" && { stack_log "port $PLAYGROUND_PORT is in use: stop the other Playground first (or set PLAYGROUND_PORT)"; return 1; }
  run_in_session playground "$E2E_DIR" env TEAMSAPPTESTER_BROWSER=none NODE_OPTIONS="--require=$E2E_DIR/loopback.cjs" \
    M365_AGENTS_PLAYGROUND_LOGFILE="$STACK_LOGS/playground-app.log" \
    "$bin" -e "$BOT_URL/api/messages" -c msteams --dt -p "$PLAYGROUND_PORT" --service-url "$PLAYGROUND_URL/_connector" || return 1
  wait_for playground "$PLAYGROUND_URL/_debug/ping" pong 90 || return 1
  grep -q "Listening on $PLAYGROUND_PORT" "$STACK_LOGS/playground.log" || {
    stack_log "the Playground did not listen on $PLAYGROUND_PORT:"; cat "$STACK_LOGS/playground.log" >&2; return 1; }
}

# stop_stack: SIGTERM to every process group started here, SIGKILL to what is left after 20 s. Safe to call twice.
stop_stack() {
  local pgid deadline alive
  [ "${#STACK_PGIDS[@]}" -eq 0 ] && return 0
  for pgid in "${STACK_PGIDS[@]}"; do kill -TERM -- "-$pgid" 2>/dev/null; done
  deadline=$((SECONDS + 20))
  while :; do
    alive=()
    for pgid in "${STACK_PGIDS[@]}"; do kill -0 -- "-$pgid" 2>/dev/null && alive+=("$pgid"); done
    [ "${#alive[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for pgid in "${alive[@]}"; do kill -KILL -- "-$pgid" 2>/dev/null; done
      break
    fi
    sleep 0.2
  done
  STACK_PGIDS=()
}
