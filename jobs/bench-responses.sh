#!/usr/bin/env bash
# Benchmark of loading a national survey export (tens of thousands of responses) and the monitor.
# Figures go to bench/results/responses.{json,md}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf bench/work
jobs/submit.sh bench-responses --work bench/work --results bench/results
rm -rf bench/work
