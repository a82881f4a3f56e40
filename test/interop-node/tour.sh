#!/usr/bin/env bash
# Installs what is missing, then runs client-tour.mjs on the Node 22 from node_modules/.bin.
#   ./tour.sh --http http://127.0.0.1:3001/mcp
#   ./tour.sh --stdio -- COMMAND [ARGS...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/install.sh"
export PATH="$here/node_modules/.bin:$PATH"
exec node "$here/client-tour.mjs" "$@"
