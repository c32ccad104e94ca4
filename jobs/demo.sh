#!/usr/bin/env bash
# The README's first command: every pipeline step that exists so far, on the embedded default
# (local Spark, local Delta files under demo/), starting from synthetic extracts of the nine pilot
# municipalities. Safe to rerun: each step replaces its own output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="${JOBSURVEY_DEMO_DIR:-$root/demo}"
extracts="$demo/extracts"
warehouse="$demo/warehouse"
submit="$root/jobs/submit.sh"
common=(--config "$root/conf/survey.yaml" --questionnaire "$root/conf/questionnaire.yaml" --warehouse "$warehouse")

step() { printf '\n== %s ==\n' "$1"; }

step "1/1 generate: synthetic extracts for the 9 pilot municipalities"
"$submit" generate "${common[@]}" --municipalities pilot --out "$extracts"

step "Summary"
echo "Extracts (one file per municipality, as municipalities send them): $extracts"
ls -1 "$extracts" | sed 's/^/  /'
echo "Warehouse (Delta tables, filled by the steps that follow generate): $warehouse"
