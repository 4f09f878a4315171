#!/usr/bin/env bash
# The air-quality benchmark: the whole bundled dataset (9,357 readings) through the DAG on the real local
# services, median of three runs (bench/air-quality.sh [--repeat N]). Starts the services it needs with
# scripts/services.sh (left running with PIPELINE_KEEP_SERVICES=1), publishes in Release with ReadyToRun as the
# Dockerfile does (the first repetition is then a freshly started host as deployed), prints a Markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
services=(postgres s3 redis rabbitmq kafka)
scripts/services.sh start "${services[@]}"
eval "$(scripts/services.sh env "${services[@]}")"
out=bench/Pipeline.Bench.AirQuality/bin/Release/ready-to-run
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish bench/Pipeline.Bench.AirQuality -c Release --runtime "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v q >/dev/null
exec dotnet "$out/Pipeline.Bench.AirQuality.dll" "$@"
