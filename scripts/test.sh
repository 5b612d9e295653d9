#!/usr/bin/env bash
# Set up everything the tests need, then run all of them (pytest; lesson notebooks via nbval),
# one pytest-xdist worker per CPU (--dist loadgroup: tests sharing an expensive fixture run on
# one worker, see tests/conftest.py). Arguments go to pytest: bash scripts/test.sh tests/mini_sdk -x
# MINICOURSE_TEST_WORKERS=N sets the number of workers (0: everything in this one process).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec .venv/bin/python -m pytest -n "${MINICOURSE_TEST_WORKERS:-logical}" --dist loadgroup \
  --durations=25 "$@"
