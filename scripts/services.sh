#!/usr/bin/env bash
# Real backing services for the tests, as plain processes on 127.0.0.1 (no Docker here).
#
#   scripts/services.sh start  [SERVICE ...]   install if missing, start if not already answering
#   scripts/services.sh stop   [SERVICE ...]   stop what this script started
#   scripts/services.sh status [SERVICE ...]   exit 0 only if every named service answers
#   scripts/services.sh env    [SERVICE ...]   print `export ...` lines: eval "$(scripts/services.sh env)"
#
# SERVICE defaults to every one in SERVICES below. State (data, logs, sockets) lives under
# ${PIPELINE_SERVICES_DIR:-/tmp/pipeline-services}/SERVICE and is throwaway: a service that is
# not running is re-created from scratch on start, so each fresh start gives clean state.
#
# Adding a service (redis, rabbitmq, s3 via s3rver, kafka): write start_X, stop_X, status_X
# and env_X below and add X to SERVICES. Ports are non-default on purpose, so tests never
# touch a system-wide server (e.g. Debian's own PostgreSQL cluster on 5432).
set -euo pipefail

SERVICES=(postgres)
PATH=$PATH:/usr/sbin:/sbin   # runuser and apt helpers live there; some root shells lack them
SERVICES_DIR=${PIPELINE_SERVICES_DIR:-/tmp/pipeline-services}
READY_TIMEOUT=${PIPELINE_SERVICES_TIMEOUT:-60}   # seconds to wait for a service to answer

log() { echo "services: $*" >&2; }
die() { log "error: $*"; exit 1; }

# apt-get install; `apt-get update` only when the install fails (stale or missing package
# lists on a fresh machine), since update is the slow part.
apt_install() {
  [[ $(id -u) -eq 0 ]] || die "need root to apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" || { apt-get update -q && apt-get install -y -q "$@"; }
}

# ---------------------------------------------------------------- postgres
PG_PORT=55432
PG_DIR=$SERVICES_DIR/postgres   # owned by the postgres user; also the unix socket directory
PG_DATA=$PG_DIR/data
PG_LOG=$PG_DIR/server.log

# Newest installed major version; empty if none. (ls is fine: the names are version numbers.)
# shellcheck disable=SC2012
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true; }

# The server refuses to run as root, so as root run its tools as the postgres user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_isready: 0 = accepting connections, 1 = starting up, 2 = nothing answering.
# (-U/-d name a real role, or every probe logs "role root does not exist".)
pg_ready() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 2; }

# Is a postmaster of ours (per the pid file in our data dir) alive?
pg_running() { as_pg "$(pg_bin)/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }

# Bounded wait for readiness; returns 1 early if the server dies (port taken, bad config...).
# Right after `pg_ctl start -W` the pid file may not exist yet, hence the 2 s grace.
pg_wait_ready() {
  local started=$SECONDS
  until pg_ready; do
    if (( SECONDS - started > 2 )) && ! pg_running; then return 1; fi
    if (( SECONDS - started >= READY_TIMEOUT )); then return 1; fi
    sleep 0.2
  done
}

status_postgres() { [[ -n $(pg_bin) ]] && pg_ready; }

start_postgres() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    log "installing PostgreSQL (apt)"
    apt_install postgresql
  fi
  local bin; bin=$(pg_bin)

  if pg_ready; then
    log "postgres already answering on 127.0.0.1:$PG_PORT"
    return 0
  fi
  # One of ours still starting up (e.g. a concurrent start): give it its chance first.
  if pg_running && pg_wait_ready; then
    log "postgres ready on 127.0.0.1:$PG_PORT"
    return 0
  fi

  # Nothing usable: a fresh cluster. Wiping the whole state dir also clears stale pid and
  # socket lock files left by a crash or a reboot, and the old server log.
  if pg_running; then as_pg "$bin/pg_ctl" -D "$PG_DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true; fi
  rm -rf "$PG_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    mkdir -p "$SERVICES_DIR"
    install -d -o postgres -g postgres -m 700 "$PG_DIR"
    # The postgres user must be able to reach the directory (e.g. not under /root).
    runuser -u postgres -- test -w "$PG_DIR" \
      || die "the postgres user cannot write $PG_DIR; set PIPELINE_SERVICES_DIR to a path it can reach"
  else
    install -d -m 700 "$PG_DIR"
  fi

  log "initdb $PG_DATA"
  as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }

  # Test-only settings: durability off for speed (the data is thrown away anyway), plenty of
  # connections for parallel tests and connection pools, loopback only (auth is trust).
  as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# --- scripts/services.sh: throwaway test cluster ---
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  log "starting postgres on 127.0.0.1:$PG_PORT"
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -W start >/dev/null
  if ! pg_wait_ready; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "postgres exited or was not ready on 127.0.0.1:$PG_PORT within ${READY_TIMEOUT}s (log: $PG_LOG)"
  fi
  log "postgres ready on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  # Only our own cluster: never the system-wide one, nor someone else's server on our port.
  if [[ -n $(pg_bin) ]] && pg_running; then
    log "stopping postgres"
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t "$READY_TIMEOUT" stop >/dev/null
  fi
}

env_postgres() {
  echo "export PIPELINE_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
}

# ---------------------------------------------------------------- main
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 1 ]] || usage
cmd=$1; shift
case $cmd in start|stop|status|env) ;; *) usage ;; esac

names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=("${SERVICES[@]}")
for name in "${names[@]}"; do
  [[ " ${SERVICES[*]} " == *" $name "* ]] || die "unknown service '$name' (known: ${SERVICES[*]})"
done

for name in "${names[@]}"; do
  "${cmd}_${name}"
done
