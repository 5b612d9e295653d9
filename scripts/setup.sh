#!/usr/bin/env bash
# Set up minicourse in ./.venv (Python 3.10+), pinned: pyproject pins our direct dependencies,
# constraints.txt pins everything they pull in. Safe to run again; fast when nothing changed.
#   scripts/setup.sh          the product (teacher CLI, SDK, JupyterLab, nbgrader)
#   scripts/setup.sh test     plus what the tests need (pytest, nbval, Playwright, Chromium,
#                             PostgreSQL from Debian's packages)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
extras="postgres"
[ "${1:-}" = "test" ] && extras="test,postgres"

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.minicourse-$extras-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log=.venv/setup.log
  if ! { .venv/bin/python -m pip install --upgrade "pip==26.3" &&
         .venv/bin/python -m pip install -c constraints.txt -e ".[$extras]"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup failed; the whole log is in $log" >&2
    exit 1
  fi
  touch "$stamp"
fi

need=()
# grading runs students' code in bubblewrap (Debian's bubblewrap): the product needs it
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
# JupyterHub's proxy for `minicourse hub` runs on Node.js (Debian's nodejs and npm)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ "${1:-}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  # a CJK font, so screenshots of Chinese pages show characters, not boxes
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
  command -v zip >/dev/null 2>&1 || need+=(zip)  # Info-ZIP, as Linux and macOS teachers zip uploads
  [ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "note: install ${need[*]} (Debian packages: sudo apt-get install ${need[*]});" \
         "(grading needs bubblewrap, the school hub nodejs and npm, the browser and PostgreSQL tests the others)" >&2
  fi
fi

# configurable-http-proxy (pinned by package-lock.json) into ./node_modules, for `minicourse hub`
node_stamp="node_modules/.minicourse-$(sha256sum package-lock.json | cut -c1-16)"
if command -v npm >/dev/null 2>&1 && [ ! -f "$node_stamp" ]; then
  if ! npm ci --no-audit --no-fund --loglevel=error >.venv/npm.log 2>&1; then
    tail -n 20 .venv/npm.log >&2
    echo "npm ci failed; the whole log is in .venv/npm.log" >&2
    exit 1
  fi
  touch "$node_stamp"
fi
