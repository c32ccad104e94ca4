#!/usr/bin/env bash
# Runs one benchmark job (bench-sample, bench-responses, bench-weight, ...) with a fresh scratch
# folder, bench/work, removed afterwards. Figures go to bench/results/<step>.{json,md}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf bench/work
jobs/submit.sh "$@" --work bench/work --results bench/results
rm -rf bench/work
