#!/usr/bin/env bash
# Benchmark of the whole pipeline, step by step, with each step's I/O floor, on the pilot
# (9 municipalities), on all 98 and on all 98 at ten times their size (about 25 minutes on 2 cores).
# Needs the key files (jobs/submit.sh create-keys). Usage: jobs/bench-pipeline.sh [pilot,all,all*10]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-pipeline --municipalities "${1:-pilot,all,all*10}"
