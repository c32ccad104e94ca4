#!/usr/bin/env bash
# Benchmark of the whole pipeline, step by step: where each step's time goes (Spark jobs, stages,
# shuffles, Delta commits, time outside Spark), the median of 3 runs on fresh warehouses, each step's
# Spark + Delta floor and ingest's plain-read floor, on the pilot (9 municipalities), on all 98 and
# on all 98 at ten times their size (about 50 minutes on 2 cores). Creates the key files when missing.
# Usage: jobs/bench-pipeline.sh [pilot,all,all*10] [--runs N] [--no-floors]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/jobs/submit.sh" create-keys > /dev/null
exec "$root/jobs/bench.sh" bench-pipeline --municipalities "${1:-pilot,all,all*10}" "${@:2}"
