#!/usr/bin/env bash
# Quick start: install what is needed, lint, then run the whole test suite —
# everything on SQLite, then the database tests again on a real PostgreSQL server.
set -uo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --test || exit 1

# Lint first (rules in pyproject.toml [tool.ruff]): a finding fails the run before any test.
echo "==> ruff check"
.venv/bin/ruff check . || exit 1

.venv/bin/python -m pytest -n 2 "$@"
rc=$?
[ "$rc" -eq 5 ] && { echo "no tests were collected" >&2; exit 1; }
[ "$rc" -ne 0 ] && exit "$rc"

if pg_url=$(./scripts/postgres.sh); then
  echo "==> PostgreSQL: $pg_url"
  # Every test that touches the database (not the browser tests: the same pages, already run above).
  ZFXXGK_TEST_DB=postgres ZFXXGK_TEST_PG_URL="$pg_url" .venv/bin/python -m pytest -n 2 -m "not slow" \
    tests/cases tests/api tests/portal tests/workspace tests/site tests/annual tests/approvals tests/oversight tests/publishing tests/notify "$@" || exit $?
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL could not be started: CI requires the PostgreSQL test run." >&2
  exit 1
else
  echo "SKIPPED: PostgreSQL tests (no server reachable and none could be started; set ZFXXGK_TEST_PG_URL)." >&2
fi
