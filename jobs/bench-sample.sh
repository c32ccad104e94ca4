#!/usr/bin/env bash
# Benchmark of the sample step (allocation + selection) on eligible frames of 1x and 10x the
# national population (~278,000 and ~2.8 million persons). Usage: jobs/bench-sample.sh [SCALES]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-sample --scales "${1:-1,10}"
