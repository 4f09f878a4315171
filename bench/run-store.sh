#!/usr/bin/env bash
# Answer times of the API and the dashboard over a large run store on PostgreSQL (issue 17: under 50 ms each):
#   bench/run-store.sh [--runs N] [--requests N] [--keep-db]
#
#   --runs N      finished runs to seed, four task runs each (default 250000: 1,000,000 task runs)
#   --requests N  timed requests per endpoint, after 5 untimed ones (default 50)
#   --keep-db     keep the seeded database afterwards (to EXPLAIN a query) and print its name
#   SCHEDULER_DLL=path  time another build of the scheduler (default: this tree's, built in Release)
#
# Makes a fresh database on the PostgreSQL of scripts/services.sh (PIPELINE_TEST_POSTGRES if set), starts the
# scheduler on it with no workers (nothing runs while measuring), wind-etl partitioned over the last three years
# and a freshness deadline (so late days are counted), seeds the runs with set-based SQL (bench/run-store/seed.sql:
# 200,000 wind-etl runs, about 180 a day, and 50,000 hello runs, each with its task runs, attempts and a log line),
# then times each endpoint with curl over loopback (to the last byte) and prints median, 95th percentile and max in ms.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=250000 requests=50 keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --requests) requests=${2:?--requests needs a number}; shift 2 ;;
    --keep-db) keep=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-store.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ -z ${PIPELINE_TEST_POSTGRES:-} ]]; then
  scripts/services.sh start postgres >&2
  eval "$(scripts/services.sh env postgres)"
fi
declare -A kv
IFS=';' read -ra parts <<<"$PIPELINE_TEST_POSTGRES"
for p in "${parts[@]}"; do kv[${p%%=*}]=${p#*=}; done
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "${kv[Host]}" -p "${kv[Port]}" -U "${kv[Username]}" "$@"; }
db=pipeline_run_store_bench_$$
port=$((5300 + $$ % 500))
data=$(mktemp -d)
days=1096
first_day=$(date -u -d "-$days days" +%F)

cleanup() {
  [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [[ -n $keep ]]; then echo "kept database $db" >&2; rm -rf "$data"; return; fi
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  psql_ -d postgres -c "DROP DATABASE IF EXISTS ${db}_warehouse WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

dll=${SCHEDULER_DLL:-}
if [[ -z $dll ]]; then
  dotnet build src/Scheduler -c Release -v q -nologo >/dev/null
  dll=src/Scheduler/bin/Release/net10.0/Pipeline.Scheduler.dll
fi
psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null
Urls=http://127.0.0.1:$port ConnectionStrings__Postgres="Host=${kv[Host]};Port=${kv[Port]};Username=${kv[Username]};Database=$db" \
  Engine__DataDirectory=$data Engine__WorkerCount=0 WindEtl__FirstDay=$first_day Logging__LogLevel__Default=Warning \
  env Notifications__Pipelines__wind-etl__FreshBy=06:00:00 dotnet "$dll" >"$data/host.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/pipelines" && break
  kill -0 "$pid" 2>/dev/null || { tail -20 "$data/host.log" >&2; echo "run-store.sh: the scheduler exited" >&2; exit 1; }
  sleep 0.5
done
SECONDS=0
psql_ -d "$db" -v runs="$runs" -v days=$days -f bench/run-store/seed.sql >/dev/null
seeding=$SECONDS
counts=$(psql_ -d "$db" -At -F ' ' -c "SELECT (SELECT count(*) FROM pipeline_runs), (SELECT count(*) FROM task_runs), (SELECT count(*) FROM task_logs)")
read -r run_count task_count log_count <<<"$counts"
run_id=$(psql_ -d "$db" -At -c "SELECT id FROM pipeline_runs WHERE pipeline = 'wind-etl' ORDER BY created_at DESC, id DESC LIMIT 1")
# A run halfway down wind-etl's list: where a client paging through it with next links would be after 2,000 pages.
middle_id=$(psql_ -d "$db" -At -c "SELECT id FROM pipeline_runs WHERE pipeline = 'wind-etl' ORDER BY created_at DESC, id DESC OFFSET 100000 LIMIT 1")
failed_day=$(psql_ -d "$db" -At -c "SELECT partition FROM pipeline_runs WHERE pipeline = 'wind-etl' AND state = 'Failed' ORDER BY created_at DESC LIMIT 1")

time_get() { # name path
  local name=$1 url="http://127.0.0.1:$port$2" times=() code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  if [[ $code != 200 ]]; then printf '| %s | `%s` | answered %s | | |\n' "$name" "$2" "$code"; return; fi
  for _ in 1 2 3 4; do curl -sf -o /dev/null "$url"; done
  for _ in $(seq 1 "$requests"); do times+=("$(curl -sf -o /dev/null -w '%{time_total}' "$url")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v path="$2" '{ t[NR] = $1 * 1000 } END {
    printf "| %s | `%s` | %.1f | %.1f | %.1f |\n", name, path, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR] }'
}

echo "Run store: $run_count runs, $task_count task runs, $log_count log lines (seeded in $seeding s); wind-etl's partitions $first_day to yesterday ($days days), PostgreSQL; $requests requests each, after 5 untimed; $(cut -d' ' -f1-3 /proc/loadavg) load before"
echo
echo "| Endpoint | Path | median ms | p95 ms | max ms |"
echo "|---|---|---:|---:|---:|"
time_get "Runs, newest" "/api/runs"
time_get "Runs of a pipeline" "/api/runs?pipeline=wind-etl"
time_get "Failed runs of a pipeline" "/api/runs?pipeline=wind-etl&state=Failed"
time_get "Failed runs, every pipeline" "/api/runs?state=Failed"
time_get "Runs of one day" "/api/runs?partition=$failed_day"
time_get "Runs of a pipeline, page 2,000 (offset)" "/api/runs?pipeline=wind-etl&page=2000"
time_get "Runs of a pipeline, 2,000 pages down (before)" "/api/runs?pipeline=wind-etl&before=$middle_id"
time_get "A run" "/api/runs/$run_id"
time_get "A run's log" "/api/runs/$run_id/logs"
time_get "Pipelines" "/api/pipelines"
time_get "A pipeline" "/api/pipelines/wind-etl"
time_get "Partitions, newest 100 days" "/api/pipelines/wind-etl/partitions"
time_get "Partitions, all $days days" "/api/pipelines/wind-etl/partitions?from=$first_day"
time_get "Grid, 25 runs" "/api/pipelines/wind-etl/grid"
time_get "Dashboard: pipelines" "/hangfire/pipelines"
time_get "Dashboard: pipeline (grid, recent runs, 3-year calendar)" "/hangfire/pipelines/wind-etl"
time_get "Dashboard: run" "/hangfire/pipelines/runs/$run_id"
