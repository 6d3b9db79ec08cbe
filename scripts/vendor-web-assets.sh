#!/usr/bin/env bash
# Refreshes the browser libraries the console serves itself (Teams tabs must load in locked-down tenants: no CDN).
# They are committed under src/CspBot.Web/wwwroot/lib with their licences, so building and running need no npm.
# Usage: scripts/vendor-web-assets.sh   (needs npm and the npm registry; edit the versions below to upgrade)
set -euo pipefail
cd "$(dirname "$0")/.."
teams_js=2.58.0
chart_js=4.6.1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@microsoft/teams-js@$teams_js" "chart.js@$chart_js" >/dev/null)
lib=src/CspBot.Web/wwwroot/lib
mkdir -p "$lib/teams-js" "$lib/chart.js" "$work/teams" "$work/chart"
tar xzf "$work/microsoft-teams-js-$teams_js.tgz" -C "$work/teams"
tar xzf "$work/chart.js-$chart_js.tgz" -C "$work/chart"
cp "$work/teams/package/dist/umd/MicrosoftTeams.min.js" "$work/teams/package/LICENSE" "$lib/teams-js/"
cp "$work/chart/package/dist/chart.umd.min.js" "$work/chart/package/LICENSE.md" "$lib/chart.js/"
echo "teams-js $teams_js, chart.js $chart_js in $lib"
