#!/usr/bin/env bash
# Install everything zfxxgk needs on a fresh Debian machine: system packages (fonts for PDF,
# HarfBuzz subsetting for fast WeasyPrint, LibreOffice to open DOCX), a virtualenv, the package.
# Safe to run again: it only installs what is missing. `--test` adds what the test suite needs.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="fonts-noto-cjk libharfbuzz-subset0 poppler-utils libreoffice-writer-nogui"
# The test suite also drives Debian's Chromium with Playwright (browser tests).
[ "${1:-}" = "--test" ] && APT_PACKAGES="$APT_PACKAGES chromium"
missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "==> 安装系统软件包:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  "$PYTHON" -m venv .venv
fi
EXTRAS="${ZFXXGK_EXTRAS:-web,pdf,ocr,test}"
stamp=".venv/.zfxxgk-installed"
want="$(sha256sum pyproject.toml | cut -c1-16)-$EXTRAS"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> 安装 Python 依赖（zfxxgk[$EXTRAS]）"
  .venv/bin/pip install -q --disable-pip-version-check -e ".[$EXTRAS]"
  echo "$want" > "$stamp"
fi

# Apache ECharts, the chart library of the supervisor's dashboard: one static file taken from the
# npm registry (npm checks the package's integrity), served by the platform itself (no CDN).
ECHARTS_VERSION=6.1.0
echarts="src/zfxxgk/oversight/static/vendor/echarts.min.js"
if [ "$(cat "$echarts.version" 2>/dev/null)" != "$ECHARTS_VERSION" ]; then
  echo "==> 下载 ECharts $ECHARTS_VERSION"
  command -v npm >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"; $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null; }
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "echarts@$ECHARTS_VERSION" >/dev/null && tar -xzf "echarts-$ECHARTS_VERSION.tgz" package/dist/echarts.min.js)
  mkdir -p "$(dirname "$echarts")"
  cp "$tmp/package/dist/echarts.min.js" "$echarts"
  echo "$ECHARTS_VERSION" > "$echarts.version"
  rm -rf "$tmp"
fi
