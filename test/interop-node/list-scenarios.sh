#!/usr/bin/env bash
# Prints the server scenarios of the pinned conformance suite (`conformance list --server`), one "  - name [...]" per line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/install.sh"
export PATH="$here/node_modules/.bin:$PATH"
exec conformance list --server
