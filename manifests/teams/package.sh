#!/usr/bin/env bash
# Builds artifacts/cspbot-teams-app.zip (manifest.json with placeholders filled + icons + cy.json). See package.mjs for
# every variable. Example:
#   BOT_ID=00000000-0000-0000-0000-000000000000 BOT_DOMAIN=cspbot-web-abc.azurewebsites.net APP_VERSION=1.0.1 \
#     manifests/teams/package.sh
# Arguments override the environment: --bot-id=… --bot-domain=… --app-version=… --out=…
set -euo pipefail
exec node "$(dirname "$0")/package.mjs" "$@"
