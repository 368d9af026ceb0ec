#!/usr/bin/env bash
# Quick start: install what is needed, then run zfxxgk.
# For now the main job is the annual-report core: read and check the sample reports and write
# an audit workbook (the web platform takes over this command in a later release).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
mkdir -p artifacts
.venv/bin/zfxxgk report audit tests/fixtures/seeds --out artifacts/seeds-audit.xlsx
.venv/bin/zfxxgk report render tests/fixtures/seeds/000_65cb26a2bb932bdb.txt --to html -o artifacts/seed-000.html
echo "打开 artifacts/seeds-audit.xlsx 查看审核结果，artifacts/seed-000.html 查看按国家格式生成的报告。"
