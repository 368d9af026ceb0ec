#!/usr/bin/env bash
# Quick start: install what is needed, then start the platform on http://127.0.0.1:8000/
# (embedded SQLite in ./zfxxgk-data; sample county, staff accounts and applications on the first run —
# the logins are printed). Pass --host/--port to change the address; DATABASE_URL=postgresql://… for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec .venv/bin/zfxxgk serve "$@"
