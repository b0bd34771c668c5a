# postgres.sh: a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for the tests.
# Source it, then: pg_start (exports KLACHTDESK_TEST_POSTGRES_ADMIN_URL), pg_createdb NAME, pg_stop.

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_DIR=""
PG_PORT=""

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
  [ -n "$PG_BIN" ] || { echo "postgres.sh: PostgreSQL is not installed (run scripts/setup)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/klachtdesk-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR"; fi
  PG_PORT=$(pg_free_port)
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  export KLACHTDESK_TEST_POSTGRES_ADMIN_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "postgres.sh: throwaway PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

# Prints the URL of a new, empty database.
pg_createdb() {
  psql -q -X "$KLACHTDESK_TEST_POSTGRES_ADMIN_URL" -c "CREATE DATABASE \"$1\"" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$PG_PORT/$1"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
