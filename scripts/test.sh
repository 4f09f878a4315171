#!/usr/bin/env bash
# The project's one test command: ./scripts/test.sh [RUNNER ARGS...]
#
# Starts the real services the tests use (scripts/services.sh), builds Pipeline.sln in Release,
# runs every test project with `dotnet test` (xunit.v3 on Microsoft.Testing.Platform, chosen
# by global.json), streams the output, and ends with exactly one line: `N passed, N failed`.
# Skipped and not-run tests count as failed: a skipped test must never look like a pass.
# Exit code is non-zero if anything failed, including the build or the test run itself.
#
# Extra args go unchanged to `dotnet test`, which hands them to every test module, e.g.
#   ./scripts/test.sh --filter-class 'Pipeline.Tests.SchedulerTests'
#   ./scripts/test.sh --filter-method '*Retry*'
#   ./scripts/test.sh --filter-trait 'Category=Postgres'
#   ./scripts/test.sh --filter-query '/*/*/SchedulerTests/*'
# (xunit.v3 filters; see `dotnet test --help` run inside a test project for the full list.)
#
# Environment:
#   PIPELINE_KEEP_SERVICES=1  leave the services running afterwards (services that were
#                             already running before this script are always left running)
#   PIPELINE_SERVICES_DIR     where services keep their throwaway state (see services.sh)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SERVICES=(postgres s3 redis rabbitmq kafka chromium smtp)  # what the tests need; services.sh knows how to run each
passed=0 failed=0            # the counts for the final line
run_failed=0                 # build or test run failed, whatever the counts say
started_services=()          # started by us, so ours to stop
test_log=$(mktemp)

finish() {
  local rc=$?
  (( rc == 0 )) || run_failed=1
  if [[ -z ${PIPELINE_KEEP_SERVICES:-} && ${#started_services[@]} -gt 0 ]]; then
    scripts/services.sh stop "${started_services[@]}" || run_failed=1
  fi
  # CI keeps only the tail of the output: name every test that did not pass, with the first lines of
  # its error, here at the end where the tail shows it.
  if [[ -s $test_log ]] && grep -qE '^ *(failed|skipped) [A-Z]' "$test_log"; then
    echo "== tests that did not pass"
    awk '/^ *(failed|skipped) [A-Z]/ { n = 12 } n > 0 { print; n-- }' "$test_log" | cut -c1-300
  fi
  rm -f "$test_log"
  # A failed run must not end on a line that looks green.
  if (( run_failed && failed == 0 )); then failed=1; fi
  echo "$passed passed, $failed failed"
  exit $(( failed > 0 ? 1 : 0 ))
}
trap finish EXIT
trap 'exit 130' INT    # make Ctrl-C / kill go through finish (stop services, final line)
trap 'exit 143' TERM

if ! command -v dotnet >/dev/null; then
  echo "test.sh: 'dotnet' is not on PATH; install the .NET 10 SDK (global.json pins the version)" >&2
  exit 1
fi

# English output (we parse the summary), no first-run banner.
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1

echo "== services: ${SERVICES[*]}"
for s in "${SERVICES[@]}"; do
  if ! scripts/services.sh status "$s" 2>/dev/null; then started_services+=("$s"); fi
done
scripts/services.sh start "${SERVICES[@]}"
eval "$(scripts/services.sh env "${SERVICES[@]}")"

echo "== build"
dotnet build Pipeline.sln -c Release || { echo "test.sh: build failed" >&2; exit 1; }

echo "== test"
# --output detailed prints every test as it finishes, so progress shows even when piped (CI).
# --ignore-exit-code 8 ("zero tests ran" in one module) lets a filter select tests from only
# some test projects; a run where no test ran at all is still failed below.
set +e
dotnet test --solution Pipeline.sln -c Release --no-build --no-ansi --no-progress \
  --output detailed --ignore-exit-code 8 "$@" 2>&1 | tee "$test_log"
test_rc=${PIPESTATUS[0]}
set -e

# dotnet test ends with one summary over all test projects, e.g.
#   Test run summary: Failed!
#     error: 1          <- only when a test module crashed or could not run
#     total: 3
#     failed: 1
#     succeeded: 1
#     skipped: 1
#     duration: 670ms
# Read the last such block. Everything that did not succeed (failed, skipped, not run) is a
# failure, and so is each module error.
read -r total succeeded errors < <(awk '
  /^Test run summary:/ { seen = 1; total = succeeded = errors = 0 }
  seen && /^ +total: [0-9]+$/     { total = $2 }
  seen && /^ +succeeded: [0-9]+$/ { succeeded = $2 }
  seen && /^ +error: [0-9]+$/     { errors = $2 }
  END { if (seen) print total, succeeded, errors; else print -1, 0, 0 }
' "$test_log")

if (( total < 0 )); then
  echo "test.sh: no test summary found (dotnet test exit code $test_rc)" >&2
  exit 1
fi
passed=$succeeded
failed=$(( total - succeeded + errors ))
if (( test_rc != 0 )); then
  # 5 is MTP's "invalid command line", and dotnet test does not show the module's reason.
  (( test_rc != 5 )) || echo "test.sh: the test runner rejected the arguments: $*" >&2
  echo "test.sh: dotnet test exited with code $test_rc" >&2
  exit 1
fi
if (( total == 0 )); then
  echo "test.sh: no test ran" >&2
  exit 1
fi
