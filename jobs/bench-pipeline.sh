#!/usr/bin/env bash
# Benchmark of the whole pipeline, step by step, on the pilot (9 municipalities) and on all 98.
# Needs the key files (jobs/submit.sh create-keys). Usage: jobs/bench-pipeline.sh [pilot,all]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-pipeline --municipalities "${1:-pilot,all}"
