#!/usr/bin/env bash
# Benchmark of the tabulate step (every table, estimates, SEs, suppression) with about 40,000 and
# 400,000 respondents (1x and 10x the national population). Usage: jobs/bench-tabulate.sh [SCALES]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-tabulate --scales "${1:-1,10}"
