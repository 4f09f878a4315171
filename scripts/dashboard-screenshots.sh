#!/usr/bin/env bash
# Screenshots of the dashboard for docs/dashboard/ (shown in README.md and docs/dashboard.md):
#   scripts/dashboard-screenshots.sh [OUT_DIR]     (default docs/dashboard)
#
# Builds the scheduler, fills the wind source for 90 days (2024-09-01 to 2024-11-29, with the generator's
# three faulty days) and starts a host on a fresh database of the PostgreSQL that scripts/services.sh runs
# (dropped afterwards) with wind-etl partitioned from
# 2024-09-01 and a strict data check (WindEtl:MaxBadShare 0.01, so the faulty days fail their check as a
# careful team's would). It backfills the 90 days through the API, waits for every run to end, then takes
# each page (the backfill's too) with headless Chromium at 1280 pixels wide. Takes a minute or two.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-docs/dashboard}
chromium=${PIPELINE_TEST_CHROMIUM:-$(command -v chromium || true)}
[[ -x $chromium ]] || { echo "dashboard-screenshots.sh: no chromium (scripts/services.sh start chromium installs it)" >&2; exit 1; }
data=$(mktemp -d)
port=$((5800 + $$ % 100))
base=http://127.0.0.1:$port
dll=src/Scheduler/bin/Release/net10.0/Pipeline.Scheduler.dll
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
PG="-h 127.0.0.1 -p 55432 -U postgres -v ON_ERROR_STOP=1 -q"
db=pipeline_screenshots_$$
export Engine__DataDirectory=$data WindEtl__FirstDay=2024-09-01 WindEtl__MaxBadShare=0.01 Logging__LogLevel__Default=Warning \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=55432;Username=postgres;Database=$db"

cleanup() {
  [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  for d in "$db" "${db}_warehouse" "${db}_wind_source" "${db}_wind_target"; do
    $PSQL $PG -d postgres -c "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$data"
}
trap cleanup EXIT

dotnet build src/Scheduler -c Release -v q -nologo >/dev/null
scripts/services.sh start postgres >/dev/null
$PSQL $PG -d postgres -c "CREATE DATABASE $db" >/dev/null
dotnet "$dll" seed-source --from 2024-09-01 --to 2024-11-29 >/dev/null
Urls=$base dotnet "$dll" >"$data/host.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/api/pipelines" && break; sleep 0.5; done
backfill=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"from":"2024-09-01","to":"2024-11-29"}' \
  "$base/api/pipelines/wind-etl/backfills" | sed -E 's/.*"backfillId":"([^"]+)".*/\1/')
open_runs() { # 1 while any wind-etl run is queued or running (the API does not count runs, so ask for one of each)
  local open=0
  for state in Queued Running; do
    curl -sf "$base/api/runs?pipeline=wind-etl&state=$state&pageSize=1" | grep -q '"items":\[\]' || open=1
  done
  echo $open
}
for _ in $(seq 1 300); do [[ $(open_runs) == 0 ]] && break; sleep 1; done
if [[ $(open_runs) != 0 ]]; then
  echo "dashboard-screenshots.sh: the backfill did not end within 5 minutes; the host's log:" >&2
  tail -50 "$data/host.log" >&2
  exit 1
fi
failed_run=$(curl -sf "$base/api/runs?pipeline=wind-etl&state=Failed&pageSize=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
ok_run=$(curl -sf "$base/api/runs?pipeline=wind-etl&state=Succeeded&pageSize=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')

shot() { # file height path
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
    --window-size=1280,"$2" --virtual-time-budget=3000 --screenshot="$out/$1" "$base/hangfire$3" >/dev/null 2>&1
  echo "$out/$1"
}
mkdir -p "$out"
shot pipelines.png 800 /pipelines
shot pipeline.png 1500 /pipelines/wind-etl
shot run-failed.png 1300 "/pipelines/runs/$failed_run"
shot run.png 1100 "/pipelines/runs/$ok_run"
shot backfill.png 1000 "/pipelines/backfills/$backfill"
