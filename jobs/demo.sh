#!/usr/bin/env bash
# The README's first command: every pipeline step, on the embedded default (local Spark, local Delta
# files under demo/), starting from synthetic extracts of the nine pilot municipalities (round
# 2023Q2); then a second round a year later (2024Q1) with the 2024 questionnaire, one municipality
# out and one new, through the pipeline job, whose reports show the change since 2023Q2.
# Safe to rerun: each step replaces its own output for the round.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="${JOBSURVEY_DEMO_DIR:-$root/demo}"
extracts="$demo/extracts"
warehouse="$demo/warehouse"
submit="$root/jobs/submit.sh"
# Key files are named relative to the working directory in conf/survey.yaml (keys/...).
cd "$root"
common=(--config "$root/conf/survey.yaml" --questionnaire "$root/conf/questionnaire.yaml" --warehouse "$warehouse")

# Each step's header says when it began and how long the demo has run (SECONDS counts from the start).
step() { printf '\n== %s  [%s, +%d:%02d] ==\n' "$1" "$(date +%H:%M:%S)" $((SECONDS / 60)) $((SECONDS % 60)); }

step "1/13 generate: synthetic extracts for the 9 pilot municipalities"
"$submit" generate "${common[@]}" --municipalities pilot --out "$extracts"

step "2/13 create-keys: local pseudonymisation and token keys (owner-only, in keys/, ignored by git)"
"$submit" create-keys "${common[@]}"

step "3/13 ingest: validate, pseudonymise, classify, select by duration and status"
"$submit" ingest "${common[@]}" --input "$extracts"

step "4/13 sample: allocation by municipality size and group, selection by permanent random numbers"
"$submit" sample "${common[@]}"

step "5/13 mailmerge: tokens, links, Digital Post mail-merge base and SMS lists (invitation, week 35)"
"$submit" mailmerge "${common[@]}" --letter invitation

step "6/13 simulate-responses: a survey-tool export up to week 36, and the final one (week 38)"
"$submit" simulate-responses "${common[@]}" --until-week 36 --out "$demo/exports/uge36"
"$submit" simulate-responses "${common[@]}" --until-week 38 --out "$demo/exports/uge38"

step "7/13 responses: load both exports (the second overlaps the first: nothing is counted twice)"
"$submit" responses "${common[@]}" --input "$demo/exports/uge36"
"$submit" responses "${common[@]}" --input "$demo/exports/uge38"

step "8/13 monitor: response rates against the response target (sample.min_responses), riskiest first"
"$submit" monitor "${common[@]}"

step "9/13 weight: base weights N_h/r_h raked to the population margins, with diagnostics"
"$submit" weight "${common[@]}"

step "10/13 tabulate: weighted results with SEs, response rates and free-text terms, protected together; the national table"
"$submit" tabulate "${common[@]}"

step "11/13 report: a workbook, an HTML page with charts and its PDF per municipality and for the nation"
"$submit" report "${common[@]}"

# A later round has its own configuration: its round and reference dates (here derived from the pilot's).
round2=2024Q1
mkdir -p "$demo/conf"
sed -e "s/^round: .*/round: $round2/" -e "s/duration: 2023-06-30/duration: 2024-01-31/" -e "s/status: 2023-08-01/status: 2024-03-01/" \
  "$root/conf/survey.yaml" > "$demo/conf/survey-$round2.yaml"
second=(--config "$demo/conf/survey-$round2.yaml" --questionnaire "$root/conf/questionnaire.yaml" --warehouse "$warehouse")

step "12/13 round $round2: extracts (Næstved out, Ærø new), then the pipeline through the mail merge, and the survey export"
"$submit" generate "${second[@]}" --municipalities 461,157,540,420,787,482,563,825,492 --out "$demo/extracts-$round2"
"$submit" pipeline "${second[@]}" --input "$demo/extracts-$round2"
"$submit" simulate-responses "${second[@]}" --until-week 38 --out "$demo/exports-$round2/uge38"

step "13/13 round $round2: the pipeline on (responses, weight, tabulate with the changes since 2023Q2, report)"
"$submit" pipeline "${second[@]}" --input "$demo/extracts-$round2" --responses "$demo/exports-$round2/uge38"

step "Summary: the demo took $((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "Extracts (one file per municipality, as municipalities send them): $extracts"
echo "Survey exports (simulated): $demo/exports"
echo "Warehouse (Delta tables): $warehouse"
for zone in restricted analysis published; do
  [[ -d "$warehouse/$zone" ]] && echo "  $zone/: $(ls "$warehouse/$zone" | grep -v '^outbox$' | tr '\n' ' ')"
done
echo "Per municipality, to send: $warehouse/restricted/outbox/<round>/<kommunekode>/"
echo "  (data-quality workbook, Digital Post mail-merge base .xlsx/.csv, SMS list; reminders: mailmerge --letter reminder1)"
reports="$warehouse/published/reports"
echo "Reports (only published figures): $(find "$reports" -name 'landsrapport_*' | sort | tr '\n' ' ')"
echo "  and per municipality: $(find "$reports" -name 'rapport_*' | sort | sed -n 1,4p | tr '\n' ' ')..."
