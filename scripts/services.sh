#!/usr/bin/env bash
# PostgreSQL and Redis for the tests, from Debian's packages, on loopback and test ports.
#
#   source scripts/services.sh && services_start && trap services_stop EXIT
#   bash scripts/services.sh run <command...>    # start, run the command, stop
#
# Installs the packages when missing (apt-get as root, or through sudo). Starts its own
# PostgreSQL cluster (data in .local-data/services/postgres, kept between runs) on
# 127.0.0.1:$TEST_POSTGRES_PORT (55432) and a Redis without persistence on
# 127.0.0.1:$TEST_REDIS_PORT (56379); a server already answering there is reused. Exports:
#   TEST_POSTGRES_HOST/_PORT/_USER/_PASSWORD, TEST_REDIS_URL, and the variables Backstage's
#   TestDatabases/TestCaches read (BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING,
#   BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING).
# services_stop stops only the servers services_start started.

OC_SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local-data/services"
export TEST_POSTGRES_HOST=127.0.0.1
export TEST_POSTGRES_PORT=${TEST_POSTGRES_PORT:-55432}
export TEST_POSTGRES_USER=backstage
export TEST_POSTGRES_PASSWORD=backstage-test-password
TEST_REDIS_PORT=${TEST_REDIS_PORT:-56379}
export TEST_REDIS_URL="redis://127.0.0.1:$TEST_REDIS_PORT"
oc_started_postgres=""
oc_pg_ctl=""
oc_started_redis=""

oc_services_log() { echo "services: $*" >&2; }

oc_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages without letting their install scripts start the system-wide
# servers (policy-rc.d 101 = "do not start services"), so nothing runs that we did not start.
oc_apt_install() {
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    oc_services_log "$* missing, and installing it needs root or sudo"
    return 1
  fi
  oc_services_log "installing Debian's $*"
  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [ ! -e "$policy" ]; then
    oc_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy" && added_policy=1
  fi
  oc_as_root apt-get update -qq &&
    oc_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  local status=$?
  [ -n "$added_policy" ] && oc_as_root rm -f "$policy"
  return $status
}

oc_postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# Runs a PostgreSQL server program as a user it accepts (it refuses root).
oc_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

oc_start_postgres() {
  local bin
  bin=$(oc_postgres_bin)
  if [ -z "$bin" ]; then
    oc_apt_install postgresql || return 1
    bin=$(oc_postgres_bin)
  fi
  local major=${bin#/usr/lib/postgresql/}
  major=${major%/bin}
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://$TEST_POSTGRES_USER:$TEST_POSTGRES_PASSWORD@$TEST_POSTGRES_HOST:$TEST_POSTGRES_PORT"

  if "$bin/pg_isready" -q -h "$TEST_POSTGRES_HOST" -p "$TEST_POSTGRES_PORT"; then
    oc_services_log "PostgreSQL already answers on $TEST_POSTGRES_HOST:$TEST_POSTGRES_PORT: reusing it"
    return 0
  fi
  mkdir -p "$OC_SERVICES_DIR"
  local data="$OC_SERVICES_DIR/postgres"
  # As root the server runs as the postgres user, which may not reach the checkout (e.g. under
  # /root): then the cluster lives in the postgres user's home instead.
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$OC_SERVICES_DIR"; then
    data="$(getent passwd postgres | cut -d: -f6)/openchoreo-ci-test-$TEST_POSTGRES_PORT"
    mkdir -p "$data" && chown postgres "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data" && mkdir -p "$data"
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$TEST_POSTGRES_PASSWORD" >"$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$data" "$pwfile"
    chmod 700 "$data"
    oc_as_postgres "$bin/initdb" -D "$data" -U "$TEST_POSTGRES_USER" --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 >"$OC_SERVICES_DIR/initdb.log" 2>&1
    local status=$?
    rm -f "$pwfile"
    if [ $status != 0 ]; then
      oc_services_log "initdb failed, see $OC_SERVICES_DIR/initdb.log"
      return 1
    fi
  fi
  oc_as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=$TEST_POSTGRES_HOST -p $TEST_POSTGRES_PORT -c unix_socket_directories='$data' -c fsync=off" \
    start >/dev/null || {
    oc_services_log "PostgreSQL did not start, see $data/server.log"
    return 1
  }
  oc_started_postgres="$data"
  oc_pg_ctl="$bin/pg_ctl"
  oc_services_log "PostgreSQL $major on $TEST_POSTGRES_HOST:$TEST_POSTGRES_PORT (user $TEST_POSTGRES_USER)"
}

oc_start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    oc_apt_install redis-server || return 1
  fi
  export BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING="$TEST_REDIS_URL"
  if redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping >/dev/null 2>&1; then
    oc_services_log "Redis already answers on 127.0.0.1:$TEST_REDIS_PORT: reusing it"
    return 0
  fi
  mkdir -p "$OC_SERVICES_DIR/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$TEST_REDIS_PORT" --save "" \
    --appendonly no --dir "$OC_SERVICES_DIR/redis" \
    --pidfile "$OC_SERVICES_DIR/redis/redis.pid" --logfile "$OC_SERVICES_DIR/redis/redis.log" || return 1
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  oc_started_redis="$OC_SERVICES_DIR/redis/redis.pid"
  oc_services_log "Redis on 127.0.0.1:$TEST_REDIS_PORT"
}

services_start() {
  oc_start_postgres && oc_start_redis
}

services_stop() {
  if [ -n "$oc_started_postgres" ]; then
    oc_as_postgres "$oc_pg_ctl" -D "$oc_started_postgres" -m fast -w stop >/dev/null 2>&1 ||
      oc_services_log "could not stop PostgreSQL ($oc_started_postgres)"
    oc_started_postgres=""
  fi
  if [ -n "$oc_started_redis" ]; then
    local pid
    pid=$(cat "$oc_started_redis" 2>/dev/null)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    oc_started_redis=""
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    run)
      shift
      services_start || { services_stop; exit 1; }
      trap services_stop EXIT
      "$@"
      ;;
    *)
      echo "usage: bash scripts/services.sh run <command...>   (or source it: services_start, services_stop)" >&2
      exit 2
      ;;
  esac
fi
