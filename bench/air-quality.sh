#!/usr/bin/env bash
# The air-quality benchmark: the whole bundled dataset (9,357 readings) through the DAG on the real local
# services, median of three runs (bench/air-quality.sh [--repeat N]). Starts the services it needs with
# scripts/services.sh (left running with PIPELINE_KEEP_SERVICES=1), builds in Release, prints a Markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
services=(postgres s3 redis rabbitmq kafka)
scripts/services.sh start "${services[@]}"
eval "$(scripts/services.sh env "${services[@]}")"
dotnet build bench/Pipeline.Bench.AirQuality -c Release --nologo -v q >/dev/null
exec dotnet bench/Pipeline.Bench.AirQuality/bin/Release/net10.0/Pipeline.Bench.AirQuality.dll "$@"
