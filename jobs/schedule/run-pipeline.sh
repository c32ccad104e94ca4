#!/usr/bin/env bash
# What a scheduler (cron, systemd timer, Airflow's BashOperator) calls: the pipeline for the round,
# with its output in a dated log file. Exit codes: 0 done, 1 a step failed (rerun resumes), 2 usage
# or configuration, 3 input files rejected, 4 another pipeline is running for the round.
#
# Settings come from the environment, so the crontab line stays short:
#   JOBSURVEY_EXTRACTS  folder of municipal extracts       (required)
#   JOBSURVEY_EXPORTS   folder of survey-tool exports       (optional: without it, stops after mailmerge)
#   JOBSURVEY_WAREHOUSE warehouse root                      (default: warehouse)
#   JOBSURVEY_ROUND     survey round                        (default: the round in conf/survey.yaml)
#   JOBSURVEY_LOGS      folder for the dated logs           (default: logs)
# Keys come from JOBSURVEY_PSEUDONYM_KEY / JOBSURVEY_TOKEN_KEY or the key files in the config.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
logs="${JOBSURVEY_LOGS:-$root/logs}"
mkdir -p "$logs"
log="$logs/pipeline-$(date -u +%Y%m%dT%H%M%SZ).log"
args=(--input "${JOBSURVEY_EXTRACTS:?set JOBSURVEY_EXTRACTS to the folder of extracts}"
      --warehouse "${JOBSURVEY_WAREHOUSE:-$root/warehouse}")
[[ -n "${JOBSURVEY_EXPORTS:-}" ]] && args+=(--responses "$JOBSURVEY_EXPORTS")
[[ -n "${JOBSURVEY_ROUND:-}" ]] && args+=(--round "$JOBSURVEY_ROUND")
"$root/jobs/pipeline.sh" "${args[@]}" >"$log" 2>&1
status=$?
echo "$(date -u +%FT%TZ) pipeline exit $status, log $log" >>"$logs/pipeline-runs.log"
exit "$status"
