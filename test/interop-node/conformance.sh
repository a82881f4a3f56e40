#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance, pinned in package.json) against a
# running server, on the Node 22 that the node@22 devDependency links into node_modules/.bin.
#
#   ./conformance.sh URL [--package stable|next] [--suite active|pending|draft|all] [--spec-version V]
#                        [--scenario NAME] [--expected-failures FILE] [--scenario-timeout MS] [--run-timeout S]
#                        [--out DIR] [--verbose] [-- EXTRA CLI ARGS...]
#
# --package picks the suite: stable is @modelcontextprotocol/conformance 0.1.16 (the default), next is 0.2.0-alpha.12,
# installed under the npm alias conformance-next. Both declare the same bin name, so node_modules/.bin/conformance is
# whichever npm linked last; this script runs the chosen package's dist/index.js with node instead.
# --suite draft, --spec-version 2026-07-28 and --scenario-timeout (the CLI's --timeout, default 30000) need next.
# --run-timeout bounds the whole CLI run (default 600 s): past it the CLI is killed, the scenarios that finished are
# tallied and the run fails.
# URL must be on localhost, 127.0.0.1 or [::1]: the dns-rebinding-protection scenario sends the URL's host as the
# "good" Host/Origin and fails otherwise.
# Prints every FAILURE and WARNING check, then the totals, ending with the line "checks: N passed, M failed".
# Exit: 0 when no check failed and the CLI exited 0; 1 otherwise; 2 on a usage error; 124 when --run-timeout stopped
# the run.
# The per-scenario results (checks.json) and the CLI's own output (run.log) go to a temporary directory, which is
# kept (and named) when the run fails, or to --out DIR, which is always kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

url=""
package="stable"
suite="active"
spec_version=""
run_timeout=600
scenario_timeout=0
out=""
verbose=0
cli_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --package) [[ $# -ge 2 ]] || usage; package="$2"; shift 2 ;;
    --suite) [[ $# -ge 2 ]] || usage; suite="$2"; shift 2 ;;
    --spec-version) [[ $# -ge 2 ]] || usage; spec_version="$2"; cli_args+=(--spec-version "$2"); shift 2 ;;
    --scenario-timeout) [[ $# -ge 2 ]] || usage; cli_args+=(--timeout "$2"); scenario_timeout=1; shift 2 ;;
    --run-timeout) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || usage; run_timeout="$2"; shift 2 ;;
    --scenario) [[ $# -ge 2 ]] || usage; cli_args+=(--scenario "$2"); shift 2 ;;
    --expected-failures) [[ $# -ge 2 ]] || usage; cli_args+=(--expected-failures "$(realpath "$2")"); shift 2 ;;
    --out|-o) [[ $# -ge 2 ]] || usage; out="$2"; shift 2 ;;
    --verbose|-v) verbose=1; shift ;;
    -h|--help) usage ;;
    --) shift; cli_args+=("$@"); break ;;
    -*) echo "conformance.sh: unknown option '$1'" >&2; usage ;;
    *) [[ -z "$url" ]] || usage; url="$1"; shift ;;
  esac
done
[[ -n "$url" ]] || usage
case "$package" in
  stable) cli="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"; suites="active|pending|all" ;;
  next) cli="$here/node_modules/conformance-next/dist/index.js"; suites="active|pending|draft|all" ;;
  *) echo "conformance.sh: --package must be stable or next" >&2; exit 2 ;;
esac
if [[ ! "$suite" =~ ^($suites)$ ]]; then
  echo "conformance.sh: --suite must be one of ${suites//|/, } for the $package package" >&2
  exit 2
fi
if [[ "$package" == stable && $scenario_timeout -eq 1 ]]; then
  echo "conformance.sh: --scenario-timeout needs --package next (0.1.16 has no --timeout)" >&2
  exit 2
fi
case "$url" in
  http://localhost[:/]*|http://127.0.0.1[:/]*|http://\[::1\][:/]*|https://localhost[:/]*|https://127.0.0.1[:/]*|https://\[::1\][:/]*) ;;
  *) echo "conformance.sh: note: $url is not on localhost/127.0.0.1/[::1]; dns-rebinding-protection will fail" >&2 ;;
esac

"$here/install.sh"
# node_modules/.bin first, so `node` is Node 22 (the suite crashes on Node 20), here and for anything the CLI spawns.
export PATH="$here/node_modules/.bin:$PATH"

if [[ -n "$out" ]]; then
  mkdir -p "$out"
  dir="$(cd "$out" && pwd)"
  keep=1
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/mooring-conformance.XXXXXX")"
  keep=0
fi

# `timeout` ends the CLI (TERM, then KILL 10 s later) if the run outlives --run-timeout; it then exits 124 or 137.
run_cli=(timeout --kill-after=10 "$run_timeout" node "$cli" server --url "$url" --suite "$suite" -o "$dir" "${cli_args[@]}")
set +e
if [[ $verbose -eq 1 ]]; then
  "${run_cli[@]}" 2>&1 | tee "$dir/run.log"
  cli_rc=${PIPESTATUS[0]}
else
  "${run_cli[@]}" >"$dir/run.log" 2>&1
  cli_rc=$?
fi
set -e
timed_out=0
if [[ $cli_rc -eq 124 || $cli_rc -eq 137 ]]; then
  timed_out=1
fi

echo "conformance $(node -p 'require(process.argv[1]).version' "$(dirname "$(dirname "$cli")")/package.json" 2>/dev/null \
  || echo '?') on node $(node --version), suite $suite${spec_version:+, spec version $spec_version}, $url"
if [[ $timed_out -eq 1 ]]; then
  echo "conformance.sh: the run did not finish within $run_timeout s and was stopped; scenarios not reached have no results" >&2
fi

# Tally every checks.json. A scenario directory is server-<scenario>-<ISO timestamp with dashes>.
set +e
tally="$(node --input-type=module - "$dir" <<'EOF'
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2];
const counts = { SUCCESS: 0, FAILURE: 0, WARNING: 0, SKIPPED: 0, INFO: 0 };
let scenarios = 0, clean = 0;
const problems = [];
for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
  const scenario = entry.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, '');
  const file = join(dir, entry, 'checks.json');
  scenarios++;
  if (!existsSync(file)) { problems.push(`FAILURE ${scenario}: no checks.json written`); counts.FAILURE++; continue; }
  let failedHere = false;
  for (const c of JSON.parse(readFileSync(file, 'utf8'))) {
    counts[c.status] = (counts[c.status] ?? 0) + 1;
    if (c.status === 'FAILURE' || c.status === 'WARNING') {
      if (c.status === 'FAILURE') failedHere = true;
      problems.push(`${c.status} ${scenario}/${c.id}: ${c.errorMessage ?? c.description ?? ''}`.trimEnd());
    }
  }
  if (!failedHere) clean++;
}
for (const p of problems) console.log(p);
console.log(`scenarios: ${scenarios} run, ${scenarios - clean} with failures`);
console.log(`warnings: ${counts.WARNING}, skipped: ${counts.SKIPPED}, info: ${counts.INFO}`);
console.log(`checks: ${counts.SUCCESS} passed, ${counts.FAILURE} failed`);
process.exit(counts.FAILURE > 0 ? 1 : scenarios === 0 ? 3 : 0);
EOF
)"
tally_rc=$?
set -e
# Everything but the totals line, so that "checks: N passed, M failed" can be the last line printed.
printf '%s\n' "$tally" | sed '$d'

rc=0
if [[ $tally_rc -ne 0 || $cli_rc -ne 0 ]]; then
  rc=1
  if [[ $tally_rc -ne 1 && ( $cli_rc -ne 0 || $tally_rc -ne 0 ) ]]; then
    # No FAILURE check, yet the run failed: a crash, an unknown scenario, no scenario run at all, or an
    # --expected-failures mismatch (where a WARNING counts as a failure).
    echo "conformance.sh: the conformance CLI exited $cli_rc; the end of its output:" >&2
    tail -n 25 "$dir/run.log" >&2
  fi
fi
if [[ $timed_out -eq 1 ]]; then
  rc=124
fi
if [[ $keep -eq 1 || $rc -ne 0 ]]; then
  echo "results: $dir"
else
  rm -rf "$dir"
fi
printf '%s\n' "$tally" | tail -n 1
exit $rc
