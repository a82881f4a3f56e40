#!/usr/bin/env bash
# Runs every Mooring test suite on a fresh machine: installs what is missing (Node 22 and the npm packages for the
# conformance suite and the TypeScript client), builds the solution once, runs each test project, publishes the host
# with Native AOT and runs the conformance and interop suites against it, runs the benchmark driver on its short setting, and ends with one line of totals: "N passed, M failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"
config="${MOORING_TEST_CONFIGURATION:-Release}"
out="$root/.test-output"
rm -rf "$out" && mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0
failed=0
step_failed() { echo "FAILED: $1" >&2; failed=$((failed + 1)); }

# 1. Tools. The .NET SDK comes with the machine; Node 22 and npm packages are installed by the Node side's script.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not found on PATH)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if ! bash test/interop-node/install.sh; then
  step_failed "installing the Node side (test/interop-node/install.sh)"
fi
# `ip` (iproute2) makes the network namespaces of the half-open peer tests (test/Mooring.Host.Tests/Hosting/HalfOpenPeerTests.cs).
if ! command -v ip >/dev/null 2>&1 && ! [[ -x /usr/sbin/ip || -x /sbin/ip ]]; then
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2; } > "$out/iproute2-install.log" 2>&1; then
    cat "$out/iproute2-install.log" >&2
    step_failed "installing iproute2 (apt-get install iproute2)"
  fi
fi

# 2. Build everything once.
if ! dotnet build Mooring.slnx -c "$config" -nologo -clp:ErrorsOnly > "$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  step_failed "dotnet build"
  echo "$passed passed, $failed failed"
  exit 1
fi

# Runs one test project and adds its counts to the totals; $2 names the run when a project runs twice.
run_tests() {
  local project="$1" name
  name="${2:-$(basename "$project" .csproj)}"
  echo "== $name"
  dotnet test "$project" -c "$config" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$out" \
    --logger "console;verbosity=minimal" 2>&1 | tee "$out/$name.log" | grep -E "^(Passed|Failed)!|\[FAIL\]|Error Message" || true
  trx="$out/$name.trx"
  if [[ -f "$trx" ]]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    total="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
    executed="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [[ "${total:-0}" -eq 0 ]]; then step_failed "$name ran no test"; fi
    # Tests that did not run (a crashed test host, a fixture that failed to start) are failures too.
    if [[ -n "$total" && -n "$executed" && "$executed" -lt "$total" ]]; then
      failed=$((failed + total - executed))
      echo "FAILED: $name executed $executed of $total tests" >&2
    fi
  else
    step_failed "$name produced no results (see $out/$name.log)"
  fi
}

# 3. Test projects, one after another (the machine has 2 cores; the suites start servers of their own).
for project in test/*.Tests/*.csproj; do
  run_tests "$project"
done

# 4. The host as Native AOT: it must publish with no trim or AOT warning, then the conformance suite and the
#    interop tours run again against the native executable (MooringHostCommand runs a path without .dll directly).
echo "== Native AOT publish (src/Mooring.Host)"
aot="$out/aot"
if dotnet publish src/Mooring.Host/Mooring.Host.csproj -c "$config" -r linux-x64 -o "$aot" -nologo > "$out/aot-publish.log" 2>&1 \
  && ! grep -qE "(warning|error) (IL|SYSLIB|CS)[0-9]+" "$out/aot-publish.log" && [[ -x "$aot/Mooring.Host" ]]; then
  passed=$((passed + 1))
  export MOORING_HOST_NATIVE="$aot/Mooring.Host"
  MOORING_HOST_DLL="$aot/Mooring.Host" run_tests test/Mooring.Conformance.Tests/Mooring.Conformance.Tests.csproj Mooring.Conformance.Tests.NativeAot
  MOORING_HOST_DLL="$aot/Mooring.Host" run_tests test/Mooring.Interop.Tests/Mooring.Interop.Tests.csproj Mooring.Interop.Tests.NativeAot
else
  grep -E "warning|error" "$out/aot-publish.log" | sort -u | head -n 30 >&2
  step_failed "Native AOT publish of src/Mooring.Host (warnings or errors above; log: $out/aot-publish.log)"
fi

# 5. The benchmark driver, end to end on its short setting (a smoke check, not a measurement).
echo "== perf/run-benchmarks.sh --short"
if bash perf/run-benchmarks.sh --short --no-build > "$out/benchmarks-short.log" 2>&1; then
  passed=$((passed + 1))
else
  tail -n 30 "$out/benchmarks-short.log" >&2
  step_failed "perf/run-benchmarks.sh --short"
fi

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
