#!/usr/bin/env bash
# The report pictures in docs/ and the README, from the demo's reports (run jobs/demo.sh first):
# the national page and Odense's page as a browser shows them (Debian's headless Chromium), Odense's
# results table as its PDF prints it, and Odense's workbook as LibreOffice prints it (one page wide).
# Needs chromium, libreoffice-calc and poppler-utils (apt-get install chromium libreoffice-calc poppler-utils).
# With the demo's second round (2024Q1) beside it: Gentofte's results page with the change since
# 2023Q2, and Odense's page with its own questions.
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

# The second round: the first PDF page holding a text, as a picture.
later="$(dirname "$reports")/2024Q1"
pdf_page() {
  local pages p
  pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  for p in $(seq 1 "$pages"); do
    # The page's text whole first: grep -q would stop reading early, and pipefail count that as no match.
    if [[ "$(pdftotext -f "$p" -l "$p" "$1" -)" == *"$2"* ]]; then
      pdftoppm -r 80 -png -f "$p" -l "$p" "$1" "$work/page-$3"
      cp "$work"/page-"$3"*.png "$out/$3"
      echo "$out/$3"
      return
    fi
  done
  echo "no page of $1 holds '$2'" >&2
  return 1
}
if [[ -d "$later" ]]; then
  pdf_page "$later/157/rapport_157_2024Q1.pdf" "Tema: Værdighed" report-change-since-2023.png
  pdf_page "$later/461/rapport_461_2024Q1.pdf" "Kommunens egne spørgsmål" report-local-questions.png
fi
