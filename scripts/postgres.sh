#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the tests, from Debian's packages.
#   scripts/postgres.sh start   → prints RK_TEST_POSTGRES_URL=postgres://…
#   scripts/postgres.sh stop
#   scripts/postgres.sh restart   (a fast restart of a running cluster: what a failover looks like)
# Tests run it without durability (fsync off); RK_PG_DURABLE=1 keeps PostgreSQL's defaults
# (fsync, synchronous commit), as the benchmarks and fault runs need.
# The cluster lives in a temporary directory owned by the `postgres` user (the server
# refuses to run as root) and listens on 127.0.0.1:${RK_PG_PORT:-54329} only.
set -euo pipefail
port="${RK_PG_PORT:-54329}"
state="${RK_PG_DIR:-/tmp/rk-pg-$port}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

case "${1:-}" in
  start)
    if [ -f "$state/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
      echo "RK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"; exit 0
    fi
    rm -rf "$state"; mkdir -p "$state"; chown postgres "$state" 2>/dev/null || true
    as_pg "$bin/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
      || as_pg "$bin/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 >"$state/initdb.log" 2>&1
    opts="-c listen_addresses=127.0.0.1 -p $port -k $state/data -c max_connections=300"
    [ "${RK_PG_DURABLE:-}" = 1 ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    echo "$opts" > "$state/opts"
    as_pg "$bin/pg_ctl" -D "$state/data" -l "$state/data/server.log" -w -t 30 -o "$opts" start >/dev/null
    echo "RK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  restart)
    as_pg "$bin/pg_ctl" -D "$state/data" -l "$state/data/server.log" -w -t 30 -m fast -o "$(cat "$state/opts")" restart >/dev/null
    ;;
  stop)
    [ -d "$state/data" ] && as_pg "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$state"
    ;;
  *) echo "usage: $0 start|stop|restart" >&2; exit 2 ;;
esac
