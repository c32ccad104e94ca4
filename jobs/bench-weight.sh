#!/usr/bin/env bash
# Benchmark of the weight step (cells, IPF, join back) with about 40,000 and 400,000 respondents
# (1x and 10x the national population). Usage: jobs/bench-weight.sh [SCALES]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-weight --scales "${1:-1,10}"
