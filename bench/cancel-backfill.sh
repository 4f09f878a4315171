#!/usr/bin/env bash
# How long cancelling one backfill of N runs takes on PostgreSQL (issue 18 asks for under 2 s at 10,000 runs).
#
#   bench/cancel-backfill.sh [RUNS] [REPETITIONS] [STORAGE]     (default 10000 runs, 3 repetitions, postgres; or embedded)
#
# Starts PostgreSQL with scripts/services.sh if it is not running, builds the bench in Release, and prints a table:
# for each repetition, the time to create the backfill's runs and the time BackfillControl.CancelAsync took with
# the pipeline's first runs running (one store transaction plus the Hangfire deletions), then the median.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/services.sh start postgres >&2
eval "$(scripts/services.sh env postgres)"
dotnet build bench/Pipeline.Bench -c Release -v quiet -nologo >/dev/null
dotnet bench/Pipeline.Bench/bin/Release/net10.0/Pipeline.Bench.dll cancel-backfill "${1:-10000}" "${2:-3}" "${3:-postgres}"
