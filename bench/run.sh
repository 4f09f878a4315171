#!/usr/bin/env bash
# End-to-end benchmarks of the engine; writes docs/benchmarks.md.
#
#   bench/run.sh [--repeat N] [--quick] [--start-repeat N] [--note TEXT] [--doc FILE] [BENCH OPTIONS...]
#
#   --repeat N        repetitions of every scenario (default 3; --quick makes it 1)
#   --quick           smoke sizes: 100 runs, 400 jobs, 100 hello runs (a minute or two); prints the
#                     table but leaves docs/benchmarks.md alone unless --doc is given
#   --doc FILE        where to write the report (default docs/benchmarks.md)
#   --start-repeat N  measured launches of the scheduler for the host start time (default 5, quick 2)
#   --note TEXT       a paragraph added under "Machine" (e.g. what else was running)
#   --air-quality N   repetitions of the air-quality DAG on the real services (default: as --repeat;
#                     0 skips it; it needs s3, redis, rabbitmq and kafka from scripts/services.sh)
#   (a full run adds --rss-alone: each scenario once more in a fresh process of its own, for its peak RSS;
#   and --large-repeat 2: the 10,000-run backfill in two repetitions, so its ratio is not one pair's)
#   BENCH OPTIONS     passed unchanged to the bench (see: dotnet bench/Pipeline.Bench/bin/Release/net10.0/Pipeline.Bench.dll --help)
#                     e.g. the wind-etl floor alone (365 days on PostgreSQL, median of three, no host start):
#                     bench/run.sh --wind-only --storage postgres --start-repeat 0 --air-quality 0 --doc docs/benchmarks-wind-etl.md
#                     or the scaling floor alone (1,000 against 10,000 runs on PostgreSQL, paired, twice):
#                     bench/run.sh --storage postgres --repeat 2 --large-repeat 2 --jobs 10 --hello-runs 0 --serial-runs 0 \
#                       --wind-days 0 --start-repeat 0 --air-quality 0 --doc /tmp/scale.md
#
# Starts PostgreSQL with scripts/services.sh (and stops it again only if this script started it,
# unless PIPELINE_KEEP_SERVICES=1), builds the scheduler and the bench in Release, measures the host's
# start time (from launch until GET /api/pipelines answers 200, in a fresh temp directory so it gets a
# fresh SQLite store), then runs the bench and assembles docs/benchmarks.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command_line="bench/run.sh${*:+ $*}"

repeat= quick=0 start_repeat= note= doc=unset bench_args=() air_repeat=
while [[ $# -gt 0 ]]; do
  case $1 in
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --quick) quick=1; shift ;;
    --air-quality) air_repeat=${2:?--air-quality needs a number}; shift 2 ;;
    --start-repeat) start_repeat=${2:?--start-repeat needs a number}; shift 2 ;;
    --note) note=${2:?--note needs a text}; shift 2 ;;
    --doc) doc=${2:?--doc needs a file}; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
if (( quick )); then
  repeat=${repeat:-1}; start_repeat=${start_repeat:-2}; bench_args=(--quick "${bench_args[@]}")
  [[ $doc != unset ]] || doc=
else
  bench_args=(--rss-alone --large-repeat 2 "${bench_args[@]}")
fi
[[ $doc != unset ]] || doc=docs/benchmarks.md
repeat=${repeat:-3} start_repeat=${start_repeat:-5}

export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1
SCHEDULER_DLL=$PWD/src/Scheduler/bin/Release/net10.0/Pipeline.Scheduler.dll
BENCH_DLL=$PWD/bench/Pipeline.Bench/bin/Release/net10.0/Pipeline.Bench.dll
START_PORT=5099

work=$(mktemp -d)
host_pid=
sampler_pid=
started_postgres=0
started_services=()
cleanup() {
  if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n $host_pid ]] && kill -0 "$host_pid" 2>/dev/null; then kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; fi
  if (( started_postgres )) && [[ -z ${PIPELINE_KEEP_SERVICES:-} ]]; then scripts/services.sh stop postgres || true; fi
  if (( ${#started_services[@]} )) && [[ -z ${PIPELINE_KEEP_SERVICES:-} ]]; then scripts/services.sh stop "${started_services[@]}" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "run.sh: $*" >&2; }

# ---------------------------------------------------------------- services and build
scripts/services.sh status postgres 2>/dev/null || started_postgres=1
scripts/services.sh start postgres
eval "$(scripts/services.sh env postgres)"
air_repeat=${air_repeat:-$repeat}
AIR_SERVICES=(s3 redis rabbitmq kafka)
if (( air_repeat > 0 )); then
  for s in "${AIR_SERVICES[@]}"; do scripts/services.sh status "$s" 2>/dev/null || started_services+=("$s"); done
  scripts/services.sh start "${AIR_SERVICES[@]}"
  eval "$(scripts/services.sh env "${AIR_SERVICES[@]}")"
fi

built_from="\`$(git rev-parse --short HEAD)\`$([[ -z $(git status --porcelain -- src bench 2>/dev/null) ]] || echo ' plus uncommitted changes in src/ or bench/')"
log "building the scheduler and the bench (Release)"
dotnet build src/Scheduler/Pipeline.Scheduler.csproj -c Release -v quiet -nologo >"$work/build.log" 2>&1 \
  && dotnet build bench/Pipeline.Bench/Pipeline.Bench.csproj -c Release -v quiet -nologo >>"$work/build.log" 2>&1 \
  && { (( air_repeat == 0 )) || dotnet publish bench/Pipeline.Bench.AirQuality -c Release -v quiet -nologo \
         --runtime "$(case "$(uname -m)" in aarch64|arm64) echo linux-arm64 ;; *) echo linux-x64 ;; esac)" --self-contained false \
         -p:PublishReadyToRun=true -o bench/Pipeline.Bench.AirQuality/bin/Release/ready-to-run >>"$work/build.log" 2>&1; } \
  || { cat "$work/build.log" >&2; log "build failed"; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- host start time
# One launch: from `dotnet Pipeline.Scheduler.dll` until GET /api/pipelines answers 200, in ms.
# The temp directory has no appsettings.json, so the host reads the one next to the dll
# (Hosting/ContentRoot.cs) and keeps its SQLite store in ./.data, i.e. a fresh one.
measure_start() {
  local dir=$work/start-$1 code t0 t1
  mkdir -p "$dir"
  t0=$(date +%s%N)
  ( cd "$dir" && exec env -u ConnectionStrings__Postgres dotnet "$SCHEDULER_DLL" --urls "http://127.0.0.1:$START_PORT" ) \
    >"$dir/host.log" 2>&1 &
  host_pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$START_PORT/api/pipelines" || true)
    [[ $code == 200 ]] && break
    if ! kill -0 "$host_pid" 2>/dev/null; then tail -n 20 "$dir/host.log" >&2; log "the scheduler exited before answering"; exit 1; fi
    if (( ($(date +%s%N) - t0) / 1000000000 > 60 )); then log "the scheduler did not answer within 60 s"; exit 1; fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=
  echo $(( (t1 - t0) / 1000000 ))
}

if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$START_PORT/"; then
  log "something already answers on port $START_PORT; stop it first"; exit 1
fi
start_ms=()
if (( start_repeat > 0 )); then
  log "host start: 1 warm-up launch (not counted), then $start_repeat measured"
  measure_start warmup >/dev/null
  for i in $(seq 1 "$start_repeat"); do start_ms+=("$(measure_start "$i")"); done
  log "host start ms: ${start_ms[*]}"
fi

# ---------------------------------------------------------------- the bench
log "bench: --repeat $repeat ${bench_args[*]}"
bench_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# The 1-minute load average every 10 s while the bench runs (the bench itself accounts for about 2).
# (Its sleep runs in the background so that the TERM trap can end it at once, leaving nothing behind.)
( trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  while :; do sleep 10 & nap=$!; wait "$nap"; cut -d' ' -f1 /proc/loadavg; done ) >"$work/load.log" &
sampler_pid=$!
SECONDS=0
# The table goes to --output; stderr (progress) is shown and kept for the log section.
dotnet "$BENCH_DLL" --repeat "$repeat" --host-start-ms "$(IFS=,; echo "${start_ms[*]}")" \
  --output "$work/table.md" "${bench_args[@]}" 2>&1 >/dev/null | tee "$work/progress.log" >&2
if (( air_repeat > 0 )); then
  log "air-quality: the whole dataset through the DAG, $air_repeat repetition(s)"
  { echo; dotnet bench/Pipeline.Bench.AirQuality/bin/Release/ready-to-run/Pipeline.Bench.AirQuality.dll --repeat "$air_repeat"; } \
    >>"$work/table.md" 2> >(tee -a "$work/progress.log" >&2)
fi
bench_seconds=$SECONDS
kill "$sampler_pid" 2>/dev/null || true; sampler_pid=
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
load_during=$(sort -g "$work/load.log" | awk '{ v[NR] = $1 } END { if (NR) printf "min %s, median %s, max %s (%d samples)", v[1], v[int((NR + 1) / 2)], v[NR], NR; else printf "not sampled" }')

# ---------------------------------------------------------------- docs/benchmarks.md
if [[ -z $doc ]]; then
  log "quick run: no report written (give --doc FILE for one)"
  cat "$work/table.md"
  exit 0
fi
pg_version=$("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version)
busy_note=
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l >= 1.0) }'; then
  busy_note="**Shared, busy machine:** the 1-minute load average was already ${load_before%% *} on $(nproc) cores before the bench started (other builds and tests were running), so every figure here includes CPU contention from outside the bench: expect better figures on an idle machine, compare rows with each other rather than with other machines, and mind the min–max spread."
fi
mkdir -p "$(dirname "$doc")"
{
  echo "# Benchmarks"
  echo
  echo "Generated by \`bench/run.sh\` on $bench_started (the bench took $((bench_seconds / 60)) min $((bench_seconds % 60)) s), built from commit $built_from."
  echo
  echo "## Command"
  echo
  echo '```sh'
  echo "$command_line"
  echo '```'
  echo
  echo "## Machine"
  echo
  echo "- \`nproc\`: $(nproc)"
  echo "- \`lscpu | grep 'Model name'\`: $(lscpu | grep 'Model name' | sed 's/.*: *//')"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- .NET SDK $(dotnet --version); $pg_version (scripts/services.sh: fsync and synchronous_commit off)"
  echo "- load average (1, 5, 15 min): $load_before before, $load_after after; 1-minute load during the bench: $load_during"
  echo "- \`free -g\`:"
  echo
  echo '```'
  free -g
  echo '```'
  [[ -n $busy_note ]] && printf '\n%s\n' "$busy_note"
  [[ -n $note ]] && printf '\n%s\n' "$note"
  echo
  echo "## Results"
  echo
  echo "Median, min and max over n repetitions; each repetition of each scenario runs on fresh storage"
  echo "(a new PostgreSQL database, or a new temp directory for SQLite) and a fresh engine host."
  echo
  cat "$work/table.md"
  echo
  cat bench/notes.md
  echo
  echo "<details><summary>Progress log of this run (latency spreads per repetition)</summary>"
  echo
  echo '```'
  grep '^bench:' "$work/progress.log" || true
  echo '```'
  echo
  echo "</details>"
} >"$doc"
log "wrote $doc"
cat "$work/table.md"
