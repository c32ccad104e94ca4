#!/usr/bin/env bash
# The weight and tabulate steps against R survey's best route on the same national data, in one
# run: the national pipeline; weight and tabulate again in the warm JVM (median of 3, JVM start
# excluded); the weighted design exported for R; R's calibrate(calfun = "raking", sparse = TRUE) and,
# per item-statistic, svymean + svyby(multicore = TRUE) over the 7 tables (jobs/bench-vs-r.R).
# Writes the ratios (weighting, tables, both) to bench/results/vs-r.{json,md}. Installs R and the
# survey package from Debian when Rscript is missing (needs root). Usage:
#   jobs/bench-vs-r.sh [R_MEASURES]   (item-statistics R times, 0 = all 30: about 10 minutes of R)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(survey); library(MASS)' > /dev/null 2>&1; then
  echo "bench-vs-r: installing R and the survey package from Debian ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core r-cran-survey r-cran-mass > /dev/null
fi
exec "$root/jobs/bench.sh" bench-vs-r --r-script "$root/jobs/bench-vs-r.R" --r-measures "${1:-0}"
