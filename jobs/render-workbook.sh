#!/usr/bin/env bash
# Renders a workbook as it prints: to PDF with LibreOffice headless, then each PDF page to PNG, and
# prints the paths. As the figures of the data-quality workbook in docs/ingest.md were made.
#   jobs/render-workbook.sh FILE.xlsx OUT_DIR
# Needs the Debian packages libreoffice-calc-nogui and poppler-utils, and fonts-crosextra-carlito
# (metrically like Calibri, the workbooks' font: without it text is set wider than in Excel).
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: jobs/render-workbook.sh FILE.xlsx OUT_DIR" >&2
  exit 2
fi
workbook="$(realpath "$1")"
out="$2"
mkdir -p "$out"
out="$(realpath "$out")"
# A private LibreOffice profile: no first-run state of the user's, and no clash with a running office.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# soffice warns on stderr of things a conversion does not need (javaldx): shown only if it fails.
if ! HOME="$profile" soffice --headless --norestore "-env:UserInstallation=file://$profile/office" \
  --convert-to pdf --outdir "$out" "$workbook" >"$profile/soffice.log" 2>&1; then
  cat "$profile/soffice.log" >&2
  exit 1
fi
pdf="$out/$(basename "${workbook%.*}").pdf"
echo "$pdf"
pdftoppm -png -r 80 "$pdf" "${pdf%.pdf}"
ls "${pdf%.pdf}"-*.png
