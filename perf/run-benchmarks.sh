#!/usr/bin/env bash
# Side-by-side benchmark: tools/call on an echo tool against each server, same load generator, same run.
#
# For each round and each server in turn (A,B,C,A,B,C,...): start the server fresh on a free loopback port,
# wait for /health, run perf/Mooring.LoadGen (warm-up, then the measured period), stop that server by its
# PID. Then write medians, per-round figures and ratios to docs/benchmarks.md (or --output).
#
# The machine is small (2 cores, shared by client and server) and noisy, hence interleaved rounds, fresh
# processes, medians and ratios rather than single figures. Everything runs on 127.0.0.1 only.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: perf/run-benchmarks.sh [options]
  --short              1 round, 2 s warm-up, 3 s measured, micro-benchmarks as a dry run (one invocation
                       each): checks the driver end to end (writes to artifacts/perf/benchmarks-short.md
                       unless --output is given)
  --rounds N           interleaved rounds (default 5)
  --warmup S           warm-up seconds per run (default 5)
  --duration S         measured seconds per run (default 8)
  --connections N      concurrent keep-alive connections (default 16)
  --skip LIST          what to leave out, comma-separated: mooring,sdk,raw (servers), micro (the
                       BenchmarkDotNet micro-benchmarks of perf/Mooring.Benchmarks) (also MOORING_BENCH_SKIP)
  --output FILE        the report (default docs/benchmarks.md)
  --no-build           use what is already built in Release
Environment:
  MOORING_BENCH_SKIP   like --skip
  MOORING_HOST_DLL     path of a built Mooring.Host.dll; when set, src/Mooring.Host is not built
The full setting (5 rounds x 3 servers x ~15 s, then the micro-benchmarks as BenchmarkDotNet ShortRun)
takes about 7-9 minutes; --short 30-75 s (builds included), depending on what else runs.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND_LINE="perf/run-benchmarks.sh${*:+ $*}"
ROUNDS=5
WARMUP=5
DURATION=8
CONNECTIONS=16
SKIP="${MOORING_BENCH_SKIP:-}"
OUTPUT=""
BUILD=1
SHORT=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --short) SHORT=1; ROUNDS=1; WARMUP=2; DURATION=3; shift ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --skip) SKIP="${SKIP:+$SKIP,}$2"; shift 2 ;;
    --output) OUTPUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || { echo "--rounds must be 1-99" >&2; exit 2; }
[[ "$CONNECTIONS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "--connections must be 1-9999" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+(\.[0-9]+)?$ && "$DURATION" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--warmup/--duration must be seconds" >&2; exit 2; }
if [[ -z "$OUTPUT" ]]; then
  if [[ $SHORT -eq 1 ]]; then OUTPUT="$ROOT/artifacts/perf/benchmarks-short.md"; else OUTPUT="$ROOT/docs/benchmarks.md"; fi
fi

RUN_DIR="$ROOT/artifacts/perf/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR" "$(dirname "$OUTPUT")"
RELEASE_DIR="bin/Release/net10.0"
LOADGEN_DLL="$ROOT/perf/Mooring.LoadGen/$RELEASE_DIR/Mooring.LoadGen.dll"
MOORING_PROJECT="$ROOT/src/Mooring.Host/Mooring.Host.csproj"
MOORING_DLL="${MOORING_HOST_DLL:-$ROOT/src/Mooring.Host/$RELEASE_DIR/Mooring.Host.dll}"
MICRO_PROJECT="$ROOT/perf/Mooring.Benchmarks"
MICRO_DLL="$MICRO_PROJECT/$RELEASE_DIR/Mooring.Benchmarks.dll"
# ShortRun (3 measured iterations) in the full setting: allocations are exact with any job, and the times are
# for orientation only on this machine. --short only checks that every micro-benchmark runs.
if [[ $SHORT -eq 1 ]]; then MICRO_JOB="--dry"; else MICRO_JOB="--short"; fi

# The servers, in round order. One line each: name|title|project dir (for building, "" = none)|dll|load mode|MCP path.
# A later mode (stateless, another transport) is one more line here.
SERVERS=(
  "mooring|Mooring (src/Mooring.Host)|$( [[ -z "${MOORING_HOST_DLL:-}" ]] && echo "$ROOT/src/Mooring.Host" )|$MOORING_DLL|mcp|/mcp"
  "sdk|Official C# SDK 2.3.1, stateful (perf/Mooring.Benchmarks.SdkPeer)|$ROOT/perf/Mooring.Benchmarks.SdkPeer|$ROOT/perf/Mooring.Benchmarks.SdkPeer/$RELEASE_DIR/Mooring.Benchmarks.SdkPeer.dll|mcp|/mcp"
  "raw|Raw Kestrel, fixed response (perf/Mooring.Benchmarks.RawKestrel)|$ROOT/perf/Mooring.Benchmarks.RawKestrel|$ROOT/perf/Mooring.Benchmarks.RawKestrel/$RELEASE_DIR/Mooring.Benchmarks.RawKestrel.dll|raw|/mcp"
)

declare -A TITLE DLL MODE MCP_PATH SKIPPED
NAMES=()
ACTIVE=()
is_skipped() { [[ ",$SKIP," == *",$1,"* ]]; }

for line in "${SERVERS[@]}"; do
  IFS='|' read -r name title project dll mode path <<<"$line"
  NAMES+=("$name")
  TITLE[$name]="$title"; DLL[$name]="$dll"; MODE[$name]="$mode"; MCP_PATH[$name]="$path"
  if is_skipped "$name"; then
    SKIPPED[$name]="skipped on request (--skip / MOORING_BENCH_SKIP)"
  elif [[ "$name" == mooring && -z "${MOORING_HOST_DLL:-}" && ! -f "$MOORING_PROJECT" ]]; then
    SKIPPED[$name]="not built: src/Mooring.Host does not exist yet"
  else
    ACTIVE+=("$name")
  fi
done
MICRO=1
is_skipped micro && MICRO=0
[[ ${#ACTIVE[@]} -gt 0 || $MICRO -eq 1 ]] || { echo "everything is skipped; nothing to measure" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }

# dotnet build, retried a few times: another build may hold a shared obj/ file for a moment.
build() {
  local project="$1" attempt
  for attempt in 1 2 3; do
    if dotnet build "$project" -c Release --nologo -v quiet >"$RUN_DIR/build-$(basename "$project").log" 2>&1; then
      return 0
    fi
    log "build of $project failed (attempt $attempt); see $RUN_DIR/build-$(basename "$project").log"
    sleep 5
  done
  return 1
}

if [[ $BUILD -eq 1 ]]; then
  log "building Release"
  build "$ROOT/perf/Mooring.LoadGen"
  for line in "${SERVERS[@]}"; do
    IFS='|' read -r name _ project _ <<<"$line"
    if [[ -n "$project" && -z "${SKIPPED[$name]:-}" ]]; then build "$project"; fi
  done
  if [[ $MICRO -eq 1 ]]; then build "$MICRO_PROJECT"; fi
fi

[[ -f "$LOADGEN_DLL" ]] || { echo "missing $LOADGEN_DLL (build it, or drop --no-build)" >&2; exit 1; }
[[ $MICRO -eq 0 || -f "$MICRO_DLL" ]] || { echo "missing $MICRO_DLL (build it, or --skip micro)" >&2; exit 1; }
for name in "${ACTIVE[@]}"; do
  [[ -f "${DLL[$name]}" ]] || { echo "missing ${DLL[$name]} for '$name' (build it, or --skip $name)" >&2; exit 1; }
done

# A port nothing listens on, below Linux's ephemeral range (32768-60999) so client sockets never take it.
free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

SERVER_PID=""

# Stops only the server this script started, by its PID: TERM, up to 10 s, then KILL.
stop_server() {
  local pid="$SERVER_PID" i
  [[ -n "$pid" ]] || return 0
  SERVER_PID=""
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "server $pid ignored TERM for 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  local status=0
  wait "$pid" 2>/dev/null || status=$?
  # 0, or 143 (TERM) for a host without a TERM handler; anything else is a crash on shutdown, worth knowing.
  if [[ $status -ne 0 && $status -ne 143 ]]; then log "server $pid exited with status $status on shutdown (see its log)"; fi
}
trap 'stop_server' EXIT
trap 'stop_server; exit 130' INT TERM

# Starts a server (Warning-level logging for all, so logging does not skew results) and waits for /health.
start_server() {
  local name="$1" port="$2" logfile="$3" i
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    dotnet "${DLL[$name]}" --urls "http://127.0.0.1:$port" >"$logfile" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "$name exited during start-up; last lines of $logfile:"; tail -n 20 "$logfile" >&2
      SERVER_PID=""; return 1
    fi
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/health" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "$name did not answer /health within 30 s"
  stop_server
  return 1
}

json_field() { sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" "$1" | head -n 1; }

declare -A RPS P50 P90 P99 ERRORS STATUS
FAILED_RUNS=0
for round in $(seq 1 "$ROUNDS"); do
  for name in "${ACTIVE[@]}"; do
    key="$name.$round"
    port=$(free_port)
    out="$RUN_DIR/$name-round$round.json"
    log "round $round/$ROUNDS: $name on 127.0.0.1:$port"
    if ! start_server "$name" "$port" "$RUN_DIR/$name-round$round.server.log"; then
      STATUS[$key]="server did not start"; FAILED_RUNS=$((FAILED_RUNS + 1)); continue
    fi
    rc=0
    dotnet "$LOADGEN_DLL" --url "http://127.0.0.1:$port${MCP_PATH[$name]}" --mode "${MODE[$name]}" \
      --connections "$CONNECTIONS" --warmup "$WARMUP" --duration "$DURATION" --label "$name" \
      >"$out" 2>"$RUN_DIR/$name-round$round.loadgen.log" || rc=$?
    stop_server
    tail -n 1 "$RUN_DIR/$name-round$round.loadgen.log" >&2
    if [[ $rc -ne 0 || "$(json_field "$out" ok)" != true ]]; then
      STATUS[$key]="load run failed (exit $rc): $(tail -n 1 "$RUN_DIR/$name-round$round.loadgen.log")"
      FAILED_RUNS=$((FAILED_RUNS + 1)); continue
    fi
    STATUS[$key]=ok
    RPS[$key]=$(json_field "$out" rps); P50[$key]=$(json_field "$out" p50Ms)
    P90[$key]=$(json_field "$out" p90Ms); P99[$key]=$(json_field "$out" p99Ms)
    ERRORS[$key]=$(json_field "$out" errors)
  done
done

# The micro-benchmarks, after the load runs so that nothing else competes for the cores. BenchmarkDotNet writes one
# GitHub-flavoured table per class to $RUN_DIR/bdn/results; the report embeds them.
MICRO_STATUS="skipped on request (--skip micro)"
if [[ $MICRO -eq 1 ]]; then
  log "micro-benchmarks: Mooring.Benchmarks $MICRO_JOB"
  rc=0
  dotnet "$MICRO_DLL" $MICRO_JOB --artifacts "$RUN_DIR/bdn" >"$RUN_DIR/micro.log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]] && compgen -G "$RUN_DIR/bdn/results/*-report-github.md" >/dev/null; then
    MICRO_STATUS=ok
  else
    MICRO_STATUS="failed (exit $rc); see $RUN_DIR/micro.log"
    log "micro-benchmarks $MICRO_STATUS"; tail -n 20 "$RUN_DIR/micro.log" >&2
    FAILED_RUNS=$((FAILED_RUNS + 1))
  fi
fi

# Median of the numbers given (mean of the middle two for an even count); "n/a" for none.
median() {
  printf '%s\n' "$@" | sed '/^$/d' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
fmt() { if [[ "$2" == n/a ]]; then echo n/a; else LC_ALL=C printf "%.${1}f" "$2"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

# Median over rounds of a/b for one figure, using only rounds where both servers succeeded: robust to a machine
# that drifts during the run (other work starting), which shifts all servers of a round together.
round_ratio_median() {
  local -n table="$1"
  local a="$2" b="$3" round values=()
  for round in $(seq 1 "$ROUNDS"); do
    if [[ "${STATUS[$a.$round]:-}" == ok && "${STATUS[$b.$round]:-}" == ok ]]; then
      values+=("$(awk -v x="${table[$a.$round]}" -v y="${table[$b.$round]}" 'BEGIN { if (y + 0 == 0) print ""; else printf "%.6f", x / y }')")
    fi
  done
  local m; m=$(median "${values[@]}")
  if [[ "$m" == n/a ]]; then echo n/a; else LC_ALL=C printf "%.2f" "$m"; fi
}

declare -A MED_RPS MED_P50 MED_P99 OK_ROUNDS SUM_ERRORS
for name in "${NAMES[@]}"; do
  values_rps=(); values_p50=(); values_p99=(); SUM_ERRORS[$name]=0
  for round in $(seq 1 "$ROUNDS"); do
    key="$name.$round"
    if [[ "${STATUS[$key]:-}" == ok ]]; then
      values_rps+=("${RPS[$key]}"); values_p50+=("${P50[$key]}"); values_p99+=("${P99[$key]}")
      SUM_ERRORS[$name]=$(( SUM_ERRORS[$name] + ${ERRORS[$key]:-0} ))
    fi
  done
  OK_ROUNDS[$name]=${#values_rps[@]}
  MED_RPS[$name]=$(median "${values_rps[@]}"); MED_P50[$name]=$(median "${values_p50[@]}"); MED_P99[$name]=$(median "${values_p99[@]}")
done

cpu_model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
aspnet_runtime=$(dotnet --list-runtimes | sed -n 's/^Microsoft.AspNetCore.App \([^ ]*\).*/\1/p' | tail -n 1)
{
  echo "# Benchmarks: tools/call echo, side by side"
  echo
  echo "Written by \`perf/run-benchmarks.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); rerun it rather than editing this file."
  echo
  echo "## What is measured"
  echo
  echo "- \`tools/call\` of a tool \`echo\` with \`{\"text\":\"hello\"}\`, POST over HTTP/1.1 keep-alive, protocol version 2025-11-25."
  echo "  The MCP servers get one \`initialize\` / \`notifications/initialized\` handshake, then all $CONNECTIONS connections"
  echo "  send requests back to back in that one session (headers \`MCP-Session-Id\`, \`MCP-Protocol-Version\`)."
  echo "- Raw Kestrel answers the same POST with a fixed JSON-RPC result body (Content-Length, no MCP work): the ceiling."
  echo "- Load generator: \`perf/Mooring.LoadGen\` (raw sockets, no HttpClient, no allocation per request), one process per run,"
  echo "  $CONNECTIONS connections, ${WARMUP} s warm-up (not recorded) then ${DURATION} s measured. Latency is from the first byte sent"
  echo "  to the end of the JSON body, or of the SSE event carrying the response. req/s counts successful responses only."
  echo "- Every response is checked: HTTP 2xx, the JSON-RPC id of its request (MCP servers), a \`result\` without"
  echo "  \`isError\`, and \`content[0].text\` equal to \`hello\`. Anything else counts as an error (the \`errors\` columns)."
  echo "- Every server is started fresh for each run with Warning-level logging, and runs are interleaved"
  echo "  (${ACTIVE[*]}, then again) for $ROUNDS round(s). Figures are medians over rounds."
  gc_modes=""
  for name in "${ACTIVE[@]}"; do
    config="${DLL[$name]%.dll}.runtimeconfig.json"
    if grep -q '"System.GC.Server": true' "$config" 2>/dev/null; then gc=server; else gc=workstation; fi
    gc_modes="${gc_modes:+$gc_modes, }$name: $gc"
  done
  echo "- Garbage collector of each server, from its runtimeconfig.json (the load generator uses workstation): $gc_modes."
  echo "- Client and server share the same cores, so absolute figures are low and noisy: compare the ratios, within one run."
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| cores (nproc) | $(nproc) |"
  echo "| CPU | ${cpu_model:-unknown} |"
  echo "| dotnet --version | $(dotnet --version) |"
  echo "| ASP.NET Core runtime | ${aspnet_runtime:-unknown} |"
  echo "| OS | $(uname -sr) |"
  echo
  echo "## Command"
  echo
  echo '```'
  if [[ -n "${MOORING_BENCH_SKIP:-}" ]]; then echo "MOORING_BENCH_SKIP=$MOORING_BENCH_SKIP $COMMAND_LINE"; else echo "$COMMAND_LINE"; fi
  echo '```'
  echo
  echo "## Medians"
  echo
  echo "| server | req/s | p50 ms | p99 ms | errors (all rounds) | rounds ok |"
  echo "|---|---:|---:|---:|---:|---:|"
  for name in "${NAMES[@]}"; do
    if [[ -n "${SKIPPED[$name]:-}" ]]; then
      echo "| ${TITLE[$name]} | - | - | - | - | not measured |"
    else
      echo "| ${TITLE[$name]} | $(fmt 0 "${MED_RPS[$name]}") | $(fmt 3 "${MED_P50[$name]}") | $(fmt 3 "${MED_P99[$name]}") | ${SUM_ERRORS[$name]} | ${OK_ROUNDS[$name]}/$ROUNDS |"
    fi
  done
  echo
  echo "## Ratios"
  echo
  echo "Of medians, and (in brackets) the median of the per-round ratios, which is steadier when the machine drifts"
  echo "during the run. For req/s higher is better; for latency lower is better."
  echo
  echo "| | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
  for pair in mooring:sdk mooring:raw sdk:raw; do
    a=${pair%%:*}; b=${pair##*:}
    label="$( [[ $a == mooring ]] && echo Mooring || echo SDK ) / $( [[ $b == sdk ]] && echo SDK || echo raw Kestrel )"
    echo "| $label | $(ratio "${MED_RPS[$a]}" "${MED_RPS[$b]}") ($(round_ratio_median RPS "$a" "$b")) | $(ratio "${MED_P50[$a]}" "${MED_P50[$b]}") ($(round_ratio_median P50 "$a" "$b")) | $(ratio "${MED_P99[$a]}" "${MED_P99[$b]}") ($(round_ratio_median P99 "$a" "$b")) |"
  done
  echo
  echo "## Per round"
  for name in "${NAMES[@]}"; do
    echo
    echo "### ${TITLE[$name]}"
    echo
    if [[ -n "${SKIPPED[$name]:-}" ]]; then echo "Not measured: ${SKIPPED[$name]}."; continue; fi
    echo "| round | req/s | p50 ms | p90 ms | p99 ms | errors |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for round in $(seq 1 "$ROUNDS"); do
      key="$name.$round"
      if [[ "${STATUS[$key]:-}" == ok ]]; then
        echo "| $round | $(fmt 0 "${RPS[$key]}") | $(fmt 3 "${P50[$key]}") | $(fmt 3 "${P90[$key]}") | $(fmt 3 "${P99[$key]}") | ${ERRORS[$key]} |"
      else
        echo "| $round | failed: ${STATUS[$key]:-not run} | | | | |"
      fi
    done
  done
  echo
  echo "## Micro-benchmarks (perf/Mooring.Benchmarks)"
  echo
  if [[ "$MICRO_STATUS" != ok ]]; then
    echo "Not measured: $MICRO_STATUS."
  else
    echo "BenchmarkDotNet with \`[MemoryDiagnoser]\`, in-process, after the load runs, with"
    echo
    echo '```'
    echo "dotnet perf/Mooring.Benchmarks/bin/Release/net10.0/Mooring.Benchmarks.dll $MICRO_JOB"
    echo '```'
    echo
    echo "\`Allocated\` is bytes per operation and exact whatever the job; times come from few iterations on a shared"
    echo "2-core machine: orientation, not a verdict. \`HotPathBenchmarks\` is the echo \`tools/call\` in the server core"
    echo "stage by stage; \`HttpEndpointBenchmarks\` runs the whole POST handler against a raw handler on the same"
    echo "in-memory \`DefaultHttpContext\` (whose own allocations are the raw handler's figure); the \`*Breakdown*\`"
    echo "classes measure the pieces of a stage alone. Mooring's own allocation per HTTP request is"
    echo "\`McpEndpoint\` minus \`RawHandler\`."
    if [[ "$MICRO_JOB" == --dry ]]; then
      echo
      echo "**Dry run** (one cold invocation per benchmark, from \`--short\`): it only shows that every benchmark runs;"
      echo "its figures include first-call costs (JIT, static caches) and are not measurements."
    fi
    for class in HotPath HttpEndpoint DispatchBreakdown SerializeBreakdown; do
      file="$RUN_DIR/bdn/results/Mooring.Benchmarks.${class}Benchmarks-report-github.md"
      [[ -f "$file" ]] || continue
      echo
      echo "### ${class}Benchmarks"
      echo
      # BenchmarkDotNet's environment block is the same for every class: keep it for the first only.
      if [[ "$class" == HotPath ]]; then cat "$file"; else awk 'fences >= 2 && !(blank++ == 0 && $0 == "") { print } /^```$/ { fences++ }' "$file"; fi
    done
  fi
} >"$OUTPUT"

log "report: $OUTPUT (raw figures and logs: $RUN_DIR)"
for name in "${NAMES[@]}"; do
  if [[ -z "${SKIPPED[$name]:-}" ]]; then log "$name: median $(fmt 0 "${MED_RPS[$name]}") req/s, p50 $(fmt 3 "${MED_P50[$name]}") ms, p99 $(fmt 3 "${MED_P99[$name]}") ms"; fi
done
log "Mooring / SDK req/s: $(ratio "${MED_RPS[mooring]}" "${MED_RPS[sdk]}"); Mooring / raw Kestrel req/s: $(ratio "${MED_RPS[mooring]}" "${MED_RPS[raw]}")"
log "micro-benchmarks: $MICRO_STATUS"
if [[ $FAILED_RUNS -gt 0 ]]; then
  log "$FAILED_RUNS run(s) failed; see the report and $RUN_DIR"
  exit 1
fi
