#!/usr/bin/env bash
# Runs every test: restores tools, then the .NET test projects (unit, host, deployment)
# and the end-to-end tests when present. Results (TRX) go to artifacts/test-results.
# Usage: scripts/test.sh            (from anywhere)
set -uo pipefail
cd "$(dirname "$0")/.."
results="artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

status=0
if [ -x scripts/install-test-tools.sh ]; then
  scripts/install-test-tools.sh || { echo "tool installation failed" >&2; exit 1; }
fi

dotnet tool restore >/dev/null
if ! dotnet build CspBot.sln -warnaserror -nologo -v:q; then
  echo "build failed: no tests ran" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test CspBot.sln --no-build -nologo -v:q \
  --logger "trx" --results-directory "$results" || status=1

if [ -x tests/e2e/run.sh ]; then
  tests/e2e/run.sh "$results" || status=1
fi

# Skipped tests (PostgreSQL missing) must not pass unnoticed: say so, with the reason, just above the summary.
skipped="$(grep -ho 'outcome="NotExecuted"' "$results"/*.trx 2>/dev/null | wc -l)"
if [ "$skipped" -gt 0 ]; then
  echo "!!! $skipped test(s) SKIPPED:" >&2
  grep -ho 'SKIPPED: [^<&]*' "$results"/*.trx 2>/dev/null | sort -u | sed 's/^/  /' >&2
fi

node scripts/summarise-tests.mjs "$results"
exit $status
