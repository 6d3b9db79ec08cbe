#!/usr/bin/env bash
# Compiles infra/main.bicep offline: fetches the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, through
# the ordinary `dotnet restore` of infra/tools/BicepCli.csproj), installs it under .tools/, lints every .bicep file
# and .bicepparam (a linter warning fails the build), and writes the ARM templates.
# Usage: infra/build.sh [output folder]      (default artifacts/infra; idempotent)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="${1:-$repo/artifacts/infra}"
version="$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' "$here/tools/BicepCli.csproj")"
tools="$repo/.tools/bicep/$version"
bicep="$tools/bicep"

if [ ! -x "$bicep" ]; then
  echo "Fetching Bicep CLI $version from NuGet..."
  dotnet restore "$here/tools/BicepCli.csproj" -nologo -v:q >/dev/null
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
  source="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  [ -f "$source" ] || { echo "Bicep CLI not found at $source after restore" >&2; exit 1; }
  mkdir -p "$tools"
  # Copy then rename, so an interrupted run never leaves a half-written binary that looks installed.
  cp "$source" "$bicep.tmp" && chmod +x "$bicep.tmp" && mv "$bicep.tmp" "$bicep"
fi

lint_log="$(mktemp)"
trap 'rm -f "$lint_log"' EXIT
status=0
# Linting the parameters file lints main.bicep and every module it uses as well.
"$bicep" lint "$here/main.bicepparam" >"$lint_log" 2>&1 || status=1
if [ -s "$lint_log" ]; then
  cat "$lint_log" >&2
  grep -qE ': (Warning|Error) ' "$lint_log" && status=1
fi
[ "$status" -eq 0 ] || { echo "bicep lint failed: fix the diagnostics above" >&2; exit 1; }

mkdir -p "$out"
"$bicep" build "$here/main.bicep" --outfile "$out/main.json"
"$bicep" build-params "$here/main.bicepparam" --outfile "$out/main.parameters.json"
echo "Bicep $version: compiled $out/main.json and $out/main.parameters.json"
