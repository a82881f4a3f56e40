#!/usr/bin/env bash
# Prints the server scenarios of a pinned conformance suite (`conformance list --server`), one "  - name [...]" per line.
#   ./list-scenarios.sh [--package stable|next] [--spec-version V]
# stable is @modelcontextprotocol/conformance 0.1.16 (the default), next is 0.2.0-alpha.12 (the npm alias
# conformance-next); see conformance.sh for why the package's dist/index.js is run directly. With --spec-version the
# list is what `conformance server --suite all --spec-version V` runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="stable"
list_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --package) [[ $# -ge 2 ]] || { sed -n '3p' "${BASH_SOURCE[0]}" >&2; exit 2; }; package="$2"; shift 2 ;;
    --spec-version) [[ $# -ge 2 ]] || { sed -n '3p' "${BASH_SOURCE[0]}" >&2; exit 2; }; list_args+=(--spec-version "$2"); shift 2 ;;
    *) echo "list-scenarios.sh: unknown argument '$1'" >&2; sed -n '3p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
case "$package" in
  stable) cli="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js" ;;
  next) cli="$here/node_modules/conformance-next/dist/index.js" ;;
  *) echo "list-scenarios.sh: --package must be stable or next" >&2; exit 2 ;;
esac
"$here/install.sh"
export PATH="$here/node_modules/.bin:$PATH"
exec node "$cli" list --server "${list_args[@]}"
