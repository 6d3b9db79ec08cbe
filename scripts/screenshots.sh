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
mapfile -t node_flags < <(node_websocket_flags)
(cd tests/e2e && BOT_URL="$BOT_URL" PLAYGROUND_URL="$PLAYGROUND_URL" E2E_ARTIFACTS="$STACK_LOGS" node "${node_flags[@]}" demo-today.screens.mjs)
status=$?
[ "$status" -eq 0 ] || exit "$status"

# The board paper as a board member opens it: compiled from the same demo, rendered by LibreOffice, pages 1 to 3
# (the front block and the summary; the RAG chart, the first exceptions with their SPC charts) as pictures.
paper="$database/paper"
mkdir -p "$paper"
period="$(curl -fsS -X POST "$BOT_URL/api/admin/jobs/exception-report/run" -H 'X-CspBot-Request: 1' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).period.replace(" ","-")))')" || exit 1
curl -fsS "$BOT_URL/api/reports/$period/exception-report.docx" -o "$paper/paper.docx" || exit 1
soffice "-env:UserInstallation=file://$paper/profile" --headless --convert-to pdf --outdir "$paper" "$paper/paper.docx" >/dev/null 2>&1 || exit 1
pdftoppm -r 80 -png -f 1 -l 3 "$paper/paper.pdf" docs/screenshots/paper-page || exit 1
echo "saved docs/screenshots/paper-page-01.png to paper-page-03.png ($period, $(pdfinfo "$paper/paper.pdf" | awk '/^Pages/{print $2}') pages)"
