#!/usr/bin/env bash
# The whole pipeline for one round: ingest → sample → mailmerge → responses → weight → tabulate →
# report. Steps whose inputs are unchanged since their last successful run are skipped.
# Usage: jobs/pipeline.sh --input EXTRACTS [--responses EXPORTS] [--round R] [--warehouse DIR] [--force]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"   # key files are named relative to the project root in conf/survey.yaml
exec jobs/submit.sh pipeline "$@"
