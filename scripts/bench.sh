#!/usr/bin/env bash
# Builds Release and runs every benchmark (fan-out and reminder scan at 1k and 10k owners, chat, exception report),
# printing one table; the table is also written to artifacts/bench/results.md. Options pass through, e.g.
#   scripts/bench.sh --owners 10000 --rps 500 --iterations 300 --micro
# docs/performance.md explains the figures. Exit code 2 when a goal was missed.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/CspBot.Benchmarks -c Release -warnaserror -nologo -v:q >/dev/null
exec dotnet benchmarks/CspBot.Benchmarks/bin/Release/net10.0/CspBot.Benchmarks.dll --out artifacts/bench/results.md "$@"
