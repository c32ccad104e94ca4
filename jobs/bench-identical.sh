#!/usr/bin/env bash
# Whether a change to how the pipeline runs left its output as it was: the pilot pipeline (generate,
# pipeline to the mail merge, the simulated export, pipeline to the report) with the code of commit
# BEFORE (built in a git worktree) and with this checkout, into two warehouses, then
# compare-warehouses: every table but the run log, row for row. Exit 1 when any table differs.
# Usage: jobs/bench-identical.sh [BEFORE]   (default: 84c1c5c, the last commit that changed what the
# pipeline computes: the audit's domain repair of e8cb76f hides other cells. The speed work before
# it was compared with e39303c, the commit before the speed work, on 2026-12-04: identical.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:-84c1c5c}"
work="$root/bench/work/identical"
rm -rf "$work"
mkdir -p "$work"
git -C "$root" worktree add -q --detach "$work/before-src" "$before"
trap 'git -C "$root" worktree remove --force "$work/before-src"; rm -rf "$work"' EXIT
# Both runs pseudonymise with the same keys, or no pseudonym could match (create-keys keeps existing keys).
"$root/jobs/submit.sh" create-keys > /dev/null
cp -r "$root/keys" "$work/before-src/keys"
(cd "$work/before-src" && mvn -B -q -o package -DskipTests > "$work/before-build.log" 2>&1) || { cat "$work/before-build.log"; exit 1; }

pilot() {
  local src="$1" out="$2"
  local c=(--config conf/survey.yaml --questionnaire conf/questionnaire.yaml --warehouse "$out/warehouse")
  (cd "$src"
   jobs/submit.sh generate "${c[@]}" --municipalities pilot --out "$out/extracts"
   jobs/submit.sh pipeline "${c[@]}" --input "$out/extracts"
   jobs/submit.sh simulate-responses "${c[@]}" --until-week 38 --out "$out/exports"
   jobs/submit.sh pipeline "${c[@]}" --input "$out/extracts" --responses "$out/exports") > "$out.log" 2>&1 \
    || { tail -30 "$out.log"; exit 1; }
}
echo "pilot pipeline with $before ..."
pilot "$work/before-src" "$work/before"
echo "pilot pipeline with $(git -C "$root" rev-parse --short HEAD) (this checkout) ..."
pilot "$root" "$work/after"
"$root/jobs/submit.sh" compare-warehouses --warehouse "$work/after/warehouse" --against "$work/before/warehouse" \
  2> "$work/compare.log" || { status=$?; tail -20 "$work/compare.log"; exit "$status"; }
