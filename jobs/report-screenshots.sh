#!/usr/bin/env bash
# The report pictures in docs/ and the README, from the demo's reports (run jobs/demo.sh first):
# the national page and Odense's page as a browser shows them (Debian's headless Chromium), Odense's
# results table as its PDF prints it, and Odense's workbook as LibreOffice prints it (one page wide).
# Needs chromium, libreoffice-calc and poppler-utils (apt-get install chromium libreoffice-calc poppler-utils).
# Usage: jobs/report-screenshots.sh [REPORTS FOLDER] [OUT FOLDER]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reports="${1:-$root/demo/warehouse/published/reports/2023Q2}"
out="${2:-$root/docs}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The flags keep Chromium off the network (the pages need nothing from it) and out of the user's profile.
page() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile-$3" --hide-scrollbars \
    --window-size="$2" --screenshot="$out/$3" "file://$(realpath "$1")" 2>/dev/null
  echo "$out/$3"
}
page "$reports/landsrapport_2023Q2.html" 1100,2300 report-national.png
page "$reports/461/rapport_461_2023Q2.html" 1100,1500 report-municipality.png

# The PDF beside the page, as a municipality circulates it: the page with the results table.
pdftoppm -r 80 -png -f 3 -l 3 "$reports/461/rapport_461_2023Q2.pdf" "$work/pdf"
cp "$work"/pdf*.png "$out/report-municipality-pdf-table.png"
echo "$out/report-municipality-pdf-table.png"

# The workbook printed by LibreOffice: its results sheet (the second page) at one page wide.
cp "$reports/461/rapport_461_2023Q2.xlsx" "$work/"
(cd "$work" && soffice --headless --convert-to pdf rapport_461_2023Q2.xlsx >/dev/null 2>&1)
pdftoppm -r 80 -png -f 2 -l 2 "$work/rapport_461_2023Q2.pdf" "$work/sheet"
cp "$work"/sheet*.png "$out/report-workbook.png"
echo "$out/report-workbook.png"
