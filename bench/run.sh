#!/usr/bin/env bash
# `make bench`: see bench/bench.py for what is measured and the BENCH_* knobs, e.g.
#   BENCH_MATRIX=gthread-sqlite BENCH_SCENARIOS=status,profile BENCH_DURATION=5 make bench
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python bench/bench.py "$@"
