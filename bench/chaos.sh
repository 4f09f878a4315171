#!/usr/bin/env bash
# The chaos bench: K rounds (default 20) of SIGKILL of one of three Scheduler hosts at a random moment during a
# wind-etl backfill and an air-quality run on the real local services, each killed host started again at once.
# After each round: every run Succeeded, the wind target equals the clean round's row for row, every alert arrived
# once, every reading is cached. Ends with a Markdown table; exits 1 when anything was lost or duplicated.
#   bench/chaos.sh [--rounds N] [--days D] [--seed S]
# With --embedded: embedded mode instead (one host, SQLite, Hangfire in memory), killed during a hello backfill and
# restarted on the same data folder; measures from the restart to the lost tasks running again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
services=(postgres s3 redis rabbitmq kafka)
scripts/services.sh start "${services[@]}"
eval "$(scripts/services.sh env "${services[@]}")"
dotnet build bench/Pipeline.Bench.Chaos -c Release --nologo -v q >/dev/null
exec dotnet bench/Pipeline.Bench.Chaos/bin/Release/net10.0/Pipeline.Bench.Chaos.dll "$@"
