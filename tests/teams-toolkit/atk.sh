#!/usr/bin/env bash
# Microsoft 365 Agents Toolkit CLI as installed here by scripts/install-test-tools.sh, without telemetry.
#   tests/teams-toolkit/atk.sh validate --manifest-file <manifest.json>   (offline)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="$here/node_modules/@microsoft/m365agentstoolkit-cli/cli.js"
[ -f "$cli" ] || { echo "atk.sh: the Agents Toolkit CLI is not installed; run scripts/install-test-tools.sh" >&2; exit 2; }
exec node "$cli" "$@" --telemetry false
