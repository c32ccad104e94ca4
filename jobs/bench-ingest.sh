#!/usr/bin/env bash
# Benchmark of the ingest step on the national extracts (98 municipalities, ~510,000 rows):
# ingest per file type and in all, against the I/O floor (a plain read of the same files into a
# Delta table). Figures go to bench/results/ingest.{json,md} and are printed.
#   jobs/bench-ingest.sh [--scale F]     (--scale 10 for the 10x national frame)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scale="${2:-1}"
[[ "${1:-}" == "--scale" ]] || scale=1
extracts="bench/extracts-x$scale"
jobs/submit.sh generate --municipalities all --scale "$scale" --out "$extracts"
jobs/submit.sh create-keys
rm -rf bench/work
jobs/submit.sh bench-ingest --input "$extracts" --work bench/work --results bench/results
rm -rf bench/work
