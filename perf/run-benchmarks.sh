#!/usr/bin/env bash
# Side-by-side benchmark of Mooring against the official C# SDK (stateful and stateless) and a raw-Kestrel ceiling:
# legacy JSON echo with server CPU per request, modern stateless echo, SSE response mode, session churn with /health
# latency, GC heap per idle session, 10,000 held SSE streams with heartbeats, and cold start to the first tools/call
# (Mooring native AOT, Mooring JIT, SDK); then the micro-benchmarks. Writes docs/benchmarks.md and
# docs/benchmarks-ratios.svg.
#
# This script builds (unless --no-build) and runs perf/Mooring.Benchmarks.Driver, which does the work: for each round,
# each scenario and each server in turn it starts the server fresh on 127.0.0.1, warms it up, runs
# perf/Mooring.LoadGen against it from a separate process, reads the server's CPU and memory, and stops it by its PID.
# The driver publishes the native AOT host itself (artifacts/perf/aot, about 80 s) in the full setting unless
# MOORING_HOST_NATIVE names one; --short never publishes.
# Options (--short, --rounds, --skip, ...): perf/run-benchmarks.sh --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND_LINE="perf/run-benchmarks.sh${*:+ $*}"
if [[ -n "${MOORING_BENCH_SKIP:-}" ]]; then COMMAND_LINE="MOORING_BENCH_SKIP=$MOORING_BENCH_SKIP $COMMAND_LINE"; fi
DRIVER_DLL="$ROOT/perf/Mooring.Benchmarks.Driver/bin/Release/net10.0/Mooring.Benchmarks.Driver.dll"

BUILD=1
SKIP_MICRO=0
HELP=0
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) HELP=1 ;;
  esac
done
# Whether the micro-benchmarks project needs building: --skip lists and MOORING_BENCH_SKIP may name "micro".
if [[ ",${MOORING_BENCH_SKIP:-}," == *",micro,"* ]]; then SKIP_MICRO=1; fi
previous=""
for arg in "$@"; do
  if [[ "$previous" == --skip && ",$arg," == *",micro,"* ]]; then SKIP_MICRO=1; fi
  previous="$arg"
done

log() { echo "[bench] $*" >&2; }

if [[ $HELP -eq 1 ]]; then
  if [[ -f "$DRIVER_DLL" ]]; then exec dotnet "$DRIVER_DLL" --help; fi
  echo "Usage: perf/run-benchmarks.sh [--short] [--no-build] [options]; build once (or run without --no-build) to see every option." >&2
  exit 0
fi

RUN_LOG_DIR="$ROOT/artifacts/perf"
mkdir -p "$RUN_LOG_DIR"

# dotnet build, retried a few times: another build may hold a shared obj/ file for a moment.
build() {
  local project="$1" attempt logfile="$RUN_LOG_DIR/build-$(basename "$1").log"
  for attempt in 1 2 3; do
    if dotnet build "$project" -c Release --nologo -v quiet >"$logfile" 2>&1; then
      return 0
    fi
    log "build of $project failed (attempt $attempt); see $logfile"
    sleep 5
  done
  return 1
}

if [[ $BUILD -eq 1 ]]; then
  log "building Release"
  projects=(
    "$ROOT/perf/Mooring.LoadGen"
    "$ROOT/perf/Mooring.Benchmarks.HeapProbe"
    "$ROOT/perf/Mooring.Benchmarks.Driver"
    "$ROOT/perf/Mooring.Benchmarks.SdkPeer"
    "$ROOT/perf/Mooring.Benchmarks.RawKestrel"
  )
  if [[ -z "${MOORING_HOST_DLL:-}" ]]; then projects+=("$ROOT/src/Mooring.Host"); fi
  if [[ $SKIP_MICRO -eq 0 ]]; then projects+=("$ROOT/perf/Mooring.Benchmarks"); fi
  for project in "${projects[@]}"; do build "$project"; done
fi

[[ -f "$DRIVER_DLL" ]] || { echo "missing $DRIVER_DLL (build it, or drop --no-build)" >&2; exit 1; }

# The stream scenario holds 10,000 sockets in the client process and as many in the server: raise the soft limit on
# file descriptors to the hard one (20,000 on the benchmark machines); children inherit it.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec dotnet "$DRIVER_DLL" "$@" --command-line "$COMMAND_LINE" --skip-env "${MOORING_BENCH_SKIP:-}"
