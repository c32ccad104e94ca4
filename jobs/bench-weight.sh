#!/usr/bin/env bash
# Benchmark of the weight step (cells, IPF, join back) with about 40,000 and 400,000 respondents (1x and 10x the
# national population). Figures go to bench/results/weight.{json,md}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf bench/work
jobs/submit.sh bench-weight --scales "${1:-1,10}" --work bench/work --results bench/results
rm -rf bench/work
