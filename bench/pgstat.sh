#!/usr/bin/env bash
# Runs the bench once and prints what PostgreSQL did for it, from pg_stat_statements (scripts/services.sh loads it):
# total statements, COMMITs, and the busiest statements by calls. Divide by the scenario's tasks or jobs.
#
#   bench/pgstat.sh [--trace FILE] BENCH OPTIONS...
#
#   --trace FILE   also record a CPU sampling profile of the bench process with dotnet-trace (local tool)
#
# Needs PIPELINE_TEST_POSTGRES (eval "$(scripts/services.sh env postgres)") and a Release build of the bench.
# pg_stat_statements counts the whole server: run it where no other client is busy (a private cluster:
# PIPELINE_SERVICES_DIR=/tmp/x PIPELINE_PG_PORT=55532 scripts/services.sh start postgres).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trace=
if [[ ${1:-} == --trace ]]; then trace=${2:?--trace needs a file}; shift 2; fi
: "${PIPELINE_TEST_POSTGRES:?set it: eval \"\$(scripts/services.sh env postgres)\"}"
BENCH_DLL=${BENCH_DLL:-$PWD/bench/Pipeline.Bench/bin/Release/net10.0/Pipeline.Bench.dll}   # another build to compare: BENCH_DLL=...

# psql takes a libpq URL; the variable is an Npgsql key=value string.
declare -A kv
IFS=';' read -ra parts <<<"$PIPELINE_TEST_POSTGRES"
for p in "${parts[@]}"; do kv[${p%%=*}]=${p#*=}; done
sql() { psql -X -q -A -F $'\t' -h "${kv[Host]}" -p "${kv[Port]}" -U "${kv[Username]}" -d "${kv[Database]:-postgres}" -c "$1"; }

sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
sql "SELECT pg_stat_statements_reset()" >/dev/null
if [[ -n $trace ]]; then
  dotnet tool run dotnet-trace -- collect --profile dotnet-sampled-thread-time -o "$trace" -- dotnet "$BENCH_DLL" "$@" >/dev/null
else
  dotnet "$BENCH_DLL" "$@"
fi
echo "--- pg_stat_statements: all statements, COMMITs, ROLLBACKs, rows"
sql "SELECT sum(calls) AS statements, sum(calls) FILTER (WHERE query ILIKE 'commit%') AS commits,
            sum(calls) FILTER (WHERE query ILIKE 'rollback%') AS rollbacks, round(sum(total_exec_time)::numeric) AS exec_ms
     FROM pg_stat_statements"
echo "--- busiest statements, summed over databases (calls, mean ms, query)"
sql "SELECT sum(calls) AS calls, round((sum(total_exec_time) / sum(calls))::numeric, 3) AS mean_ms,
            left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
     FROM pg_stat_statements GROUP BY query ORDER BY 1 DESC LIMIT 60"
