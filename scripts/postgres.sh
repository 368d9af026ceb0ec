#!/usr/bin/env bash
# Make a PostgreSQL server available for the tests and print its URL on stdout.
# Uses $ZFXXGK_TEST_PG_URL or the machine's server at 127.0.0.1:5432 when one answers;
# otherwise installs PostgreSQL (Debian) if needed and starts a throw-away cluster on port 54329.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${ZFXXGK_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
answers() { .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}
if answers "$url"; then echo "$url"; exit 0; fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
dir=/tmp/zfxxgk-pg
port=54329
url="postgresql://postgres@127.0.0.1:$port/postgres"
if ! answers "$url"; then
  rm -rf "$dir"; mkdir -p "$dir"
  run() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; su postgres -c "$*"; else "$@"; fi; }
  run "$bin/initdb -D $dir/data -U postgres -E UTF8 --locale=C.UTF-8 -A trust" >&2
  run "$bin/pg_ctl -D $dir/data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log -w start" >&2
fi
answers "$url" && echo "$url"
