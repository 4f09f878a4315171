#!/usr/bin/env bash
# The webhook latency bench, for issue 14's floor "a failed run's webhook is delivered within 2 s of the failure":
# N breweries runs (default 50) fail one after the other (their API at a closed port, one attempt) on embedded mode
# and on PostgreSQL with one and with two hosts (real Scheduler processes); a local receiver notes when each run's
# webhook arrives, and the bench prints median / p95 / max of (arrival - the run's FinishedAt). Exits 1 when a
# webhook came later than 2 s or not at all.
#   bench/webhook-latency.sh [--runs N] [--storage embedded|postgres|both] [--dead-webhook] [--set KEY=VALUE ...]
# --dead-webhook: the failing pipeline also notifies a webhook that never answers (each call waits out the host's
# timeout), to see whether one dead receiver delays the others.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/services.sh start postgres
eval "$(scripts/services.sh env postgres)"
dotnet build bench/Pipeline.Bench.Webhooks -c Release --nologo -v q >/dev/null
echo "bench/webhook-latency.sh $*  (commit $(git rev-parse --short HEAD))"
exec dotnet bench/Pipeline.Bench.Webhooks/bin/Release/net10.0/Pipeline.Bench.Webhooks.dll "$@"
