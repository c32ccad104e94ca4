#!/usr/bin/env bash
# Renders a report page to PNG with Debian's headless Chromium (apt-get install chromium), as the
# figure in docs/reports-and-notebooks.md was made. Usage: jobs/report-screenshot.sh [REPORT.html] [OUT.png]
# Default: the demo's report for Odense (461) to docs/report-page.png.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
html="${1:-$root/demo/warehouse/published/reports/2023Q2/461/rapport_461_2023Q2.html}"
png="${2:-$root/docs/report-page.png}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# The flags keep Chromium off the network (the page needs nothing from it) and out of the user's profile.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1100,1500 --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
echo "$png"
