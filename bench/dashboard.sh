#!/usr/bin/env bash
# Server time of the dashboard's pages and their API with a long history on PostgreSQL:
#   bench/dashboard.sh [REQUESTS]      (default 30 timed requests per page, after 5 untimed)
#   PIPELINE_BENCH_KEEP_DB=1 keeps the seeded database afterwards (to EXPLAIN a query), and says its name
#
# Makes a fresh database on the PostgreSQL of scripts/services.sh, starts the built scheduler on it with
# wind-etl partitioned over the last three years and no workers (nothing runs while measuring), seeds
# 10,000 finished wind-etl runs (bench/dashboard/seed.sql), then times each page with curl over loopback
# (time to the last byte: the server's time plus a loopback round trip) and prints median and 95th
# percentile in milliseconds. Not a test: the floors (150 ms a page, 250 ms the 3-year calendar) are judged
# by reading the table; docs/dashboard.md keeps the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requests=${1:-30}
eval "$(scripts/services.sh env postgres)"
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
PG="-h 127.0.0.1 -p 55432 -U postgres -v ON_ERROR_STOP=1 -q"
db=pipeline_dashboard_bench_$$
port=$((5300 + $$ % 500))
data=$(mktemp -d)
days=1096
first_day=$(date -u -d "-$((days - 1)) days" +%F)

cleanup() {
  [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [[ -n ${PIPELINE_BENCH_KEEP_DB:-} ]]; then echo "kept database $db"; rm -rf "$data"; return; fi
  $PSQL $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  $PSQL $PG -d postgres -c "DROP DATABASE IF EXISTS ${db}_warehouse WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

dotnet build src/Scheduler -c Release -v q -nologo >/dev/null
$PSQL $PG -d postgres -c "CREATE DATABASE $db" >/dev/null
Urls=http://127.0.0.1:$port ConnectionStrings__Postgres="Host=127.0.0.1;Port=55432;Username=postgres;Database=$db" \
  Engine__DataDirectory=$data Engine__WorkerCount=0 WindEtl__FirstDay=$first_day Logging__LogLevel__Default=Warning \
  dotnet src/Scheduler/bin/Release/net10.0/Pipeline.Scheduler.dll >"$data/host.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/pipelines" && break
  sleep 0.5
done
$PSQL $PG -d "$db" -v days=$days -f bench/dashboard/seed.sql >/dev/null
run_id=$($PSQL $PG -d "$db" -At -c "SELECT id FROM pipeline_runs WHERE pipeline = 'wind-etl' ORDER BY created_at DESC LIMIT 1")
runs=$($PSQL $PG -d "$db" -At -c "SELECT count(*) FROM pipeline_runs WHERE pipeline = 'wind-etl'")

time_page() { # name path
  local name=$1 url="http://127.0.0.1:$port$2" times=()
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null "$url"; done
  for _ in $(seq 1 "$requests"); do times+=("$(curl -sf -o /dev/null -w '%{time_total}' "$url")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '{ t[NR] = $1 * 1000 } END {
    printf "| %s | %.0f | %.0f | %.0f |\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR] }'
}

echo "wind-etl: $runs runs in the run store, partitions $first_day to today ($days days), PostgreSQL; $requests requests a page"
echo
echo "| Page | median ms | p95 ms | max ms |"
echo "|---|---:|---:|---:|"
time_page "Pipelines overview" /hangfire/pipelines
time_page "Pipeline page (graph, grid, 3-year calendar)" /hangfire/pipelines/wind-etl
time_page "Run page (with timeline)" "/hangfire/pipelines/runs/$run_id"
time_page "API grid, 25 runs" "/api/pipelines/wind-etl/grid?runs=25"
time_page "API partitions, 3 years" "/api/pipelines/wind-etl/partitions?from=$first_day"
