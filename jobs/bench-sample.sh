#!/usr/bin/env bash
# Benchmark of the sample step (allocation + selection) on eligible frames of 1x and 10x the
# national population (~278,000 and ~2.8 million persons). Figures go to bench/results/sample.{json,md}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf bench/work
jobs/submit.sh bench-sample --scales "${1:-1,10}" --work bench/work --results bench/results
rm -rf bench/work
