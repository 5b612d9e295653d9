#!/usr/bin/env bash
# Set up minicourse, then run the teacher's whole week on a demo school (SQLite, local folders).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/minicourse demo "$@"
