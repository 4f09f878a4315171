#!/usr/bin/env bash
# Real backing services for the tests, as plain processes on 127.0.0.1 (no Docker here).
#
#   scripts/services.sh start  [SERVICE ...]   install if missing, start if not already answering
#   scripts/services.sh stop   [SERVICE ...]   stop what this script started
#   scripts/services.sh status [SERVICE ...]   exit 0 only if every named service answers
#   scripts/services.sh env    [SERVICE ...]   print `export ...` lines: eval "$(scripts/services.sh env)"
#   scripts/services.sh resume postgres        start a stopped server again, keeping its data (fault tests)
#
# SERVICE defaults to every one in SERVICES below. State (data, logs, sockets) lives under
# ${PIPELINE_SERVICES_DIR:-/tmp/pipeline-services}/SERVICE and is throwaway: a service that is
# not running is re-created from scratch on start, so each fresh start gives clean state.
#
# Services: postgres (55432), s3 (s3rver, 59000), redis (56379), rabbitmq (AMQP 55672), kafka
# (librdkafka's mock cluster as its own process; its port is in $SERVICES_DIR/kafka/bootstrap), and
# chromium (not a server: the headless browser the dashboard's browser tests drive, installed if missing),
# smtp (aiosmtpd, 52525: every message it receives becomes a file in $SERVICES_DIR/smtp/mail).
# Adding one: write start_X, stop_X, status_X and env_X below and add X to SERVICES. Ports are
# non-default on purpose, so tests never touch a system-wide server (e.g. Debian's own PostgreSQL
# cluster on 5432).
set -euo pipefail

SERVICES=(postgres s3 redis rabbitmq kafka chromium smtp)
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
PG_PORT=${PIPELINE_PG_PORT:-55432}   # a fault test runs a private server of its own on another port
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
# Statements and transactions per task for the bench (bench/notes.md): CREATE EXTENSION pg_stat_statements
# in a database, then read pg_stat_statements and pg_stat_database. Loaded at start only.
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
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

# A server stopped with `stop` comes back with its data as it was: what a fault test needs to restart PostgreSQL
# under running hosts (`start` would make a fresh, empty cluster).
resume_postgres() {
  [[ -f $PG_DATA/PG_VERSION ]] || die "no stopped postgres cluster at $PG_DATA to resume"
  if pg_ready; then log "postgres already answering on 127.0.0.1:$PG_PORT"; return 0; fi
  log "resuming postgres on 127.0.0.1:$PG_PORT"
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -W start >/dev/null
  pg_wait_ready || die "postgres did not come back on 127.0.0.1:$PG_PORT within ${READY_TIMEOUT}s (log: $PG_LOG)"
  log "postgres ready on 127.0.0.1:$PG_PORT"
}

env_postgres() {
  echo "export PIPELINE_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
}

# ---------------------------------------------------------------- s3 (s3rver)
# No MinIO server can be installed here: s3rver (npm) speaks enough S3 for the Minio SDK, once its
# listing namespace is fixed (see fix_s3rver). It does not check signatures, only the access key.
S3_PORT=59000
S3_DIR=$SERVICES_DIR/s3                            # throwaway: data, log, pid
S3RVER_VERSION=3.7.1
S3RVER_HOME=$SERVICES_DIR/s3rver-$S3RVER_VERSION   # the npm install, kept across restarts
S3RVER_JS=$S3RVER_HOME/node_modules/s3rver/bin/s3rver.js

# Any HTTP answer (s3rver says 403 to an anonymous request) means it is up.
s3_ready() { [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$S3_PORT/" || true) =~ ^[1-5][0-9][0-9]$ ]]; }

s3_pid() { [[ -f $S3_DIR/s3rver.pid ]] && cat "$S3_DIR/s3rver.pid"; }

# Is the s3rver we started (per our pid file) alive?
s3_running() { local pid; pid=$(s3_pid) && kill -0 "$pid" 2>/dev/null && grep -q s3rver "/proc/$pid/cmdline" 2>/dev/null; }

# s3rver 3.7.1 answers listings in the wrong XML namespace, so the Minio SDK sees no objects.
fix_s3rver() {
  sed -i 's#http://doc.s3.amazonaws.com/2006-03-01/#http://s3.amazonaws.com/doc/2006-03-01/#g' \
    "$S3RVER_HOME"/node_modules/s3rver/lib/controllers/*.js
}

install_s3rver() {
  command -v curl >/dev/null || apt_install curl
  command -v npm >/dev/null || { log "installing Node.js and npm (apt)"; apt_install nodejs npm; }
  if [[ ! -f $S3RVER_JS ]]; then
    log "installing s3rver $S3RVER_VERSION (npm) into $S3RVER_HOME"
    mkdir -p "$S3RVER_HOME"
    npm install --prefix "$S3RVER_HOME" --no-audit --no-fund --loglevel=error "s3rver@$S3RVER_VERSION" >&2 \
      || die "npm install s3rver@$S3RVER_VERSION failed"
  fi
  fix_s3rver
}

status_s3() { s3_ready; }

start_s3() {
  install_s3rver
  if s3_ready; then
    log "s3 already answering on 127.0.0.1:$S3_PORT"
    return 0
  fi
  if s3_running; then kill "$(s3_pid)" 2>/dev/null || true; fi
  rm -rf "$S3_DIR"
  mkdir -p "$S3_DIR/data"
  log "starting s3rver on 127.0.0.1:$S3_PORT"
  # setsid: the server outlives this script and the shell that ran it.
  setsid node "$S3RVER_JS" --silent -d "$S3_DIR/data" -a 127.0.0.1 -p "$S3_PORT" \
    >"$S3_DIR/server.log" 2>&1 < /dev/null &
  echo $! >"$S3_DIR/s3rver.pid"
  local started=$SECONDS pid=$!
  # kill -0, not s3_running: until the child has exec'd node its cmdline is still this script's, and
  # s3_running's cmdline check then says "exited" (CI failed on that race at a fresh start).
  until s3_ready; do
    if ! kill -0 "$pid" 2>/dev/null || (( SECONDS - started >= READY_TIMEOUT )); then
      tail -n 20 "$S3_DIR/server.log" >&2 || true
      die "s3rver exited or was not ready on 127.0.0.1:$S3_PORT within ${READY_TIMEOUT}s (log: $S3_DIR/server.log)"
    fi
    sleep 0.2
  done
  log "s3 ready on 127.0.0.1:$S3_PORT"
}

stop_s3() {
  if s3_running; then
    log "stopping s3rver"
    kill "$(s3_pid)"
  fi
}

env_s3() {
  echo "export PIPELINE_TEST_S3_ENDPOINT='http://127.0.0.1:$S3_PORT'"
  echo "export PIPELINE_TEST_S3_ACCESS_KEY='S3RVER'"
  echo "export PIPELINE_TEST_S3_SECRET_KEY='S3RVER'"
}

# A TCP port answering on loopback (no client tool needed).
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Is the process in this pid file alive?
pid_alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Bounded wait for a check to pass.
wait_for() {
  local what=$1; shift
  local started=$SECONDS
  until "$@"; do
    (( SECONDS - started < READY_TIMEOUT )) || { log "$what was not ready within ${READY_TIMEOUT}s"; return 1; }
    sleep 0.2
  done
}

# One start at a time per service, across worktrees and concurrent test runs. A server started under
# the lock must not inherit it: start it with {lock_fd}>&-.
with_lock() {
  local name=$1; shift
  mkdir -p "$SERVICES_DIR"
  exec {lock_fd}>"$SERVICES_DIR/$name.lock"
  flock -w "$READY_TIMEOUT" "$lock_fd" || die "another start of $name holds $SERVICES_DIR/$name.lock"
  "$@"
  local rc=$?
  exec {lock_fd}>&-
  return $rc
}

# ---------------------------------------------------------------- redis
REDIS_PORT=56379
REDIS_DIR=$SERVICES_DIR/redis

status_redis() { command -v redis-cli >/dev/null && [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

start_redis() { with_lock redis start_redis_locked; }
start_redis_locked() {
  command -v redis-server >/dev/null || { log "installing Redis (apt)"; apt_install redis-server; }
  if status_redis; then log "redis already answering on 127.0.0.1:$REDIS_PORT"; return 0; fi
  rm -rf "$REDIS_DIR"; mkdir -p "$REDIS_DIR"
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  # No persistence: test data is throwaway.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" {lock_fd}>&-
  wait_for redis status_redis || { tail -n 20 "$REDIS_DIR/redis.log" >&2 || true; die "redis did not start"; }
  log "redis ready on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  if pid_alive "$REDIS_DIR/redis.pid"; then
    log "stopping redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$REDIS_DIR/redis.pid")"
  fi
}

env_redis() { echo "export PIPELINE_TEST_REDIS='127.0.0.1:$REDIS_PORT'"; }

# ---------------------------------------------------------------- rabbitmq
# The binaries in /usr/lib/rabbitmq/bin, not the /usr/sbin wrappers (those switch to the rabbitmq user
# and start a system-wide epmd on 0.0.0.0:4369). Every port and path is our own.
RABBIT_PORT=55672
RABBIT_DIR=$SERVICES_DIR/rabbitmq

rabbit_env() {
  export HOME=$RABBIT_DIR/home RABBITMQ_NODENAME=pipeline@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=55673   # the default (port + 20000) is no port
  export ERL_EPMD_PORT=54369 ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE=$RABBIT_DIR/mnesia RABBITMQ_LOG_BASE=$RABBIT_DIR/log RABBITMQ_PID_FILE=$RABBIT_DIR/rabbit.pid
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RABBIT_DIR/enabled_plugins RABBITMQ_CONFIG_FILE=$RABBIT_DIR/rabbitmq
  export RABBITMQ_ADVANCED_CONFIG_FILE=$RABBIT_DIR/advanced.config RABBITMQ_CONF_ENV_FILE=$RABBIT_DIR/rabbitmq-env.conf
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export PATH=/usr/lib/rabbitmq/bin:$PATH
}

status_rabbitmq() { port_open "$RABBIT_PORT"; }

start_rabbitmq() { with_lock rabbitmq start_rabbitmq_locked; }
start_rabbitmq_locked() {
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || { log "installing RabbitMQ (apt)"; apt_install rabbitmq-server; }
  if status_rabbitmq; then log "rabbitmq already answering on 127.0.0.1:$RABBIT_PORT"; return 0; fi
  (
    rabbit_env
    if pid_alive "$RABBITMQ_PID_FILE"; then
      log "waiting for the rabbitmq node that is starting"
    else
      rm -rf "$RABBIT_DIR"
      mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
      echo "[]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
      log "starting rabbitmq on 127.0.0.1:$RABBIT_PORT"
      rabbitmq-server -detached >"$RABBIT_DIR/start.log" 2>&1 {lock_fd}>&-
    fi
    # Right after -detached the node (and its cookie file) may not exist yet: ask again until it answers.
    wait_for rabbitmq rabbitmqctl -q await_startup --timeout 10 >/dev/null 2>&1 \
      || { tail -n 20 "$RABBITMQ_LOG_BASE"/*.log >&2 2>/dev/null || true; die "rabbitmq did not start"; }
  )
  wait_for rabbitmq status_rabbitmq || die "rabbitmq does not answer on 127.0.0.1:$RABBIT_PORT"
  log "rabbitmq ready on 127.0.0.1:$RABBIT_PORT"
}

stop_rabbitmq() {
  (
    rabbit_env
    if pid_alive "$RABBITMQ_PID_FILE"; then
      log "stopping rabbitmq"
      rabbitmqctl -q stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || kill "$(cat "$RABBITMQ_PID_FILE")"
      epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
    fi
  )
}

env_rabbitmq() { echo "export PIPELINE_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:$RABBIT_PORT/'"; }

# ---------------------------------------------------------------- kafka
# No Kafka broker can be installed here: librdkafka's mock cluster (a real Kafka-protocol broker, in
# memory) runs as a process of its own (tools/KafkaMockBroker), built into the state directory so that
# rebuilding a worktree never touches the running broker. Its port is chosen at start and written to
# a file, which `env` reads.
KAFKA_DIR=$SERVICES_DIR/kafka
KAFKA_ADDRESS_FILE=$KAFKA_DIR/bootstrap
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

kafka_port() { [[ -s $KAFKA_ADDRESS_FILE ]] && sed 's/.*://; s/,.*//' "$KAFKA_ADDRESS_FILE"; }

status_kafka() { pid_alive "$KAFKA_DIR/broker.pid" && [[ -s $KAFKA_ADDRESS_FILE ]] && port_open "$(kafka_port)"; }

start_kafka() { with_lock kafka start_kafka_locked; }
start_kafka_locked() {
  if status_kafka; then log "kafka (mock cluster) already answering on $(cat "$KAFKA_ADDRESS_FILE")"; return 0; fi
  command -v dotnet >/dev/null || die "'dotnet' is needed to build the mock Kafka broker"
  if pid_alive "$KAFKA_DIR/broker.pid"; then kill "$(cat "$KAFKA_DIR/broker.pid")" || true; fi
  rm -rf "$KAFKA_DIR"; mkdir -p "$KAFKA_DIR"
  log "building the mock Kafka broker"
  dotnet build "$REPO_DIR/tools/KafkaMockBroker/KafkaMockBroker.csproj" -c Release -o "$KAFKA_DIR/bin" \
    -p:UseAppHost=false --nologo -v q >"$KAFKA_DIR/build.log" 2>&1 \
    || { tail -n 30 "$KAFKA_DIR/build.log" >&2; die "building tools/KafkaMockBroker failed"; }
  log "starting kafka (librdkafka mock cluster)"
  # setsid: the broker outlives this script and the shell that ran it.
  setsid dotnet "$KAFKA_DIR/bin/Pipeline.KafkaMockBroker.dll" --address-file "$KAFKA_ADDRESS_FILE" \
    >"$KAFKA_DIR/broker.log" 2>&1 </dev/null {lock_fd}>&- &
  echo $! >"$KAFKA_DIR/broker.pid"
  wait_for kafka status_kafka || { tail -n 20 "$KAFKA_DIR/broker.log" >&2 || true; die "kafka did not start"; }
  log "kafka ready on $(cat "$KAFKA_ADDRESS_FILE")"
}

stop_kafka() {
  if pid_alive "$KAFKA_DIR/broker.pid"; then
    log "stopping kafka"
    kill "$(cat "$KAFKA_DIR/broker.pid")"
  fi
}

env_kafka() {
  [[ -s $KAFKA_ADDRESS_FILE ]] || die "kafka is not running (scripts/services.sh start kafka)"
  echo "export PIPELINE_TEST_KAFKA='$(cat "$KAFKA_ADDRESS_FILE")'"
}

# ---------------------------------------------------------------- chromium
# Not a server: the browser that the dashboard's browser tests drive (Playwright, headless). Nothing runs
# between tests; "start" only installs it when missing.
CHROMIUM=/usr/bin/chromium

status_chromium() { [[ -x $CHROMIUM ]]; }

start_chromium() { with_lock chromium start_chromium_locked; }
start_chromium_locked() {
  if ! status_chromium; then log "installing Chromium (apt)"; apt_install chromium; fi
  log "chromium at $CHROMIUM"
}

stop_chromium() { :; }

env_chromium() { echo "export PIPELINE_TEST_CHROMIUM='$CHROMIUM'"; }

# ---------------------------------------------------------------- smtp
# Debian's python3-aiosmtpd with a handler of ours (scripts/smtp-folder.py) that writes each message it
# accepts to a folder, where the notification tests read what was mailed.
SMTP_PORT=${PIPELINE_SMTP_PORT:-52525}
SMTP_DIR=$SERVICES_DIR/smtp
SMTP_PYTHON=/usr/bin/python3   # Debian's, which apt's python3-aiosmtpd installs into (not a pyenv one on PATH)

status_smtp() { pid_alive "$SMTP_DIR/smtp.pid" && port_open "$SMTP_PORT"; }

start_smtp() { with_lock smtp start_smtp_locked; }
start_smtp_locked() {
  "$SMTP_PYTHON" -c 'import aiosmtpd' 2>/dev/null || { log "installing aiosmtpd (apt)"; apt_install python3-aiosmtpd; }
  if status_smtp; then log "smtp already answering on 127.0.0.1:$SMTP_PORT"; return 0; fi
  if pid_alive "$SMTP_DIR/smtp.pid"; then kill "$(cat "$SMTP_DIR/smtp.pid")" || true; fi
  rm -rf "$SMTP_DIR"; mkdir -p "$SMTP_DIR/mail"
  log "starting smtp (aiosmtpd) on 127.0.0.1:$SMTP_PORT"
  setsid "$SMTP_PYTHON" "$REPO_DIR/scripts/smtp-folder.py" 127.0.0.1 "$SMTP_PORT" "$SMTP_DIR/mail" \
    >"$SMTP_DIR/smtp.log" 2>&1 </dev/null {lock_fd}>&- &
  echo $! >"$SMTP_DIR/smtp.pid"
  wait_for smtp status_smtp || { tail -n 20 "$SMTP_DIR/smtp.log" >&2 || true; die "smtp did not start"; }
  log "smtp ready on 127.0.0.1:$SMTP_PORT, mail in $SMTP_DIR/mail"
}

stop_smtp() {
  if pid_alive "$SMTP_DIR/smtp.pid"; then
    log "stopping smtp"
    kill "$(cat "$SMTP_DIR/smtp.pid")"
  fi
}

env_smtp() { echo "export PIPELINE_TEST_SMTP='127.0.0.1:$SMTP_PORT' PIPELINE_TEST_SMTP_DIR='$SMTP_DIR/mail'"; }

# ---------------------------------------------------------------- main
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 1 ]] || usage
cmd=$1; shift
case $cmd in start|stop|status|env|resume) ;; *) usage ;; esac

names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=("${SERVICES[@]}")
for name in "${names[@]}"; do
  [[ " ${SERVICES[*]} " == *" $name "* ]] || die "unknown service '$name' (known: ${SERVICES[*]})"
done

for name in "${names[@]}"; do
  declare -F "${cmd}_${name}" >/dev/null || die "'$cmd' is not something $name can do"
  "${cmd}_${name}"
done
