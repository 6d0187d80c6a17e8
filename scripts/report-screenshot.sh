#!/usr/bin/env bash
# Render an arcdsl-run HTML report in headless Chromium and take a
# screenshot of it:
#   scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH HEIGHT]
# Without REPORT.html arguments (no arguments at all), makes the report of
# test/arcdsl-run/Inputs/submission (a passing, two failing and a raising
# solver) with build/bin/arcdsl-run and writes docs/report.png.
# Needs Chromium (Debian: apt-get install chromium); exits 77 when it is
# missing, so tests can skip.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chrome=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" > /dev/null; then chrome=$c; break; fi
done
if [ -z "$chrome" ]; then
  echo "report-screenshot: no chromium found (apt-get install chromium)" >&2
  exit 77
fi
if [ $# -ge 2 ]; then
  report=$1 out=$2 width=${3:-1100} height=${4:-1400}
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 "$root/test/arcdsl-run/Inputs/submission/make-combined.py" "$tmp" \
    "$root/examples/tasks/67a3c6ac.json" "$root/examples/tasks/68b16354.json"
  # Relative names inside the temporary directory: the page's summary line
  # shows them.
  cp "$root/test/arcdsl-run/Inputs/submission/solvers.py" "$tmp/solvers.py"
  (cd "$tmp" && "${ARCDSL_RUN:-$root/build/bin/arcdsl-run}" \
    --solvers solvers.py --tasks arc-agi_test_challenges.json --backend cpu -q \
    --html report.html > /dev/null) || [ $? -eq 1 ]
  report=$tmp/report.html out=$root/docs/report.png width=1000 height=1300
fi
profile=$(mktemp -d)
"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$out" "file://$(realpath "$report")" > /dev/null 2>&1
rm -rf "$profile"
[ -s "$out" ] || { echo "report-screenshot: no screenshot written" >&2; exit 1; }
echo "report-screenshot: wrote $out"
