#!/usr/bin/env bash
# report --from: `portdoctor report --from LOG --format json` (NativeAOT) on a periodic netstat log
# (default 1 GB, ~13M rows; bench/generate-periodic-log.py) next to `grep -c TIME_WAIT LOG` (the
# issue's yardstick: report within 1.5x its time). The log is read once beforehand so both read from
# the page cache; rounds are interleaved, and the best wall time of each, its CPU time (user + sys)
# and peak RSS (/usr/bin/time) are printed with the ratio to grep. `diagnose --from` runs beside
# them: the same reader without the forecasts, so the difference is what report itself adds. A log
# this script generated is deleted at the end. Not a test.
# Usage: bench/report-log.sh [SIZE_GB=1.0] [FILE=/tmp/pdo-bench-report.log] [ROUNDS=3]
# PORTDOCTOR_BIN=path skips publishing the AOT CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/best_of.sh
size="${1:-1.0}"
file="${2:-/tmp/pdo-bench-report.log}"
rounds="${3:-3}"
timing=$(mktemp)
output=$(mktemp)
generated=""
cleanup() { rm -f "$timing" "$output"; [ -z "$generated" ] || rm -f "$generated"; }
trap cleanup EXIT
if [ ! -f "$file" ]; then
  generated="$file"
  python3 bench/generate-periodic-log.py "$file" "$size"
fi
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o /tmp/pdo-bench-report-aot -nologo -v quiet >/dev/null
  bin=/tmp/pdo-bench-report-aot/portdoctor
fi
cat "$file" >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $file ($(stat -c %s "$file") bytes), grep -c TIME_WAIT: $(LC_ALL=C grep -c TIME_WAIT "$file")"
"$bin" report --from "$file" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["forecast"]; print("report: samples", d["samples"], "eta", f["etaSeconds"], "reason", f.get("reason"), "top", [(p["pid"], p["pattern"]) for p in d["processes"]][:2])' || true
declare -A best cpu rss
for ((r = 0; r < rounds; r++)); do
  best_of_time grep env LC_ALL=C grep -c TIME_WAIT "$file"
  best_of_time report "$bin" report --from "$file" --format json
  best_of_time diagnose "$bin" diagnose --from "$file" --format json
done
printf '%-40s %8s %8s %10s %8s\n' "contender (best of $rounds)" "wall s" "cpu s" "max RSS MB" "÷ grep"
best_of_row "grep -c TIME_WAIT" grep grep
best_of_row "portdoctor report --from (AOT)" report grep
best_of_row "portdoctor diagnose --from (AOT)" diagnose grep
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
