#!/usr/bin/env bash
# Generates a periodic netstat log (default 1 GB, ~13M rows), then in one run times
# `grep -c TIME_WAIT` on it against the NativeAOT `portdoctor diagnose --from` (the issue's
# comparison), `portdoctor connections --from --group-by state`, and the evidence reader alone (JIT,
# every field of every row parsed, TIME_WAIT counted from the parsed rows). A log written to in the
# last 2 minutes is read rather than mapped (it may still be truncated under the reader), so
# diagnose is timed both ways: on the file as a collected log is (modified 10 minutes ago: mapped),
# and just after a `touch` (read with read()). The file is read once
# beforehand so every contender reads from the page cache; rounds are interleaved and the best
# wall time of each is compared (ratio to grep: lower is better, 1.0 = as fast as grep).
# Usage: bench/evidence-read.sh [SIZE_GB=1.0] [FILE=/tmp/pdo-bench-periodic.log] [ROUNDS=3]
# PORTDOCTOR_BIN=path skips publishing the AOT CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/best_of.sh
size="${1:-1.0}"
file="${2:-/tmp/pdo-bench-periodic.log}"
rounds="${3:-3}"
[ -f "$file" ] || python3 bench/generate-periodic-log.py "$file" "$size"
dotnet build bench/EvidenceRead -c Release -nologo -v quiet >/dev/null
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o /tmp/pdo-bench-aot -nologo -v quiet >/dev/null
  bin=/tmp/pdo-bench-aot/portdoctor
fi
cat "$file" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $file ($(stat -c %s "$file") bytes, $(LC_ALL=C grep -c '^  TCP' "$file") rows)"
echo "grep -c TIME_WAIT: $(LC_ALL=C grep -c TIME_WAIT "$file")"
echo "diagnose --from verdict: $("$bin" diagnose --from "$file" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["verdict"], "culprit", [c["pid"] for c in d["culprits"]][:1], "growth", [(g["pid"], g["first"], g["last"]) for g in d.get("growth", [])][:1])' || true)"
echo "EvidenceReader: $(dotnet bench/EvidenceRead/bin/Release/net10.0/EvidenceRead.dll "$file")"

# Output goes to a file, not /dev/null: GNU grep stops at the first match when writing to /dev/null.
timing=$(mktemp)
output=$(mktemp)
trap 'rm -f "$timing" "$output"' EXIT
declare -A best cpu rss
names=(grep diagnose diagnose-fresh connections reader)
run() {
  case "$1" in
    grep) LC_ALL=C grep -c TIME_WAIT "$file" ;;
    diagnose) touch -d '-10 minutes' "$file"; "$bin" diagnose --from "$file" --format json ;;
    diagnose-fresh) touch "$file"; "$bin" diagnose --from "$file" --format json ;;
    connections) touch -d '-10 minutes' "$file"; "$bin" connections --from "$file" --group-by state --format csv ;;
    reader) dotnet bench/EvidenceRead/bin/Release/net10.0/EvidenceRead.dll "$file" ;;
  esac
}
for ((r = 0; r < rounds; r++)); do
  for name in "${names[@]}"; do
    best_of_time "$name" bash -c "$(declare -f run); file='$file'; bin='$bin'; run $name"
  done
done
printf '%-40s %8s %8s %10s %8s\n' "contender (best of $rounds)" "wall s" "cpu s" "max RSS MB" "÷ grep"
for name in "${names[@]}"; do
  case "$name" in
    grep) label="grep -c TIME_WAIT" ;;
    diagnose) label="portdoctor diagnose --from (AOT)" ;;
    diagnose-fresh) label="  the same, file just written (read)" ;;
    connections) label="portdoctor connections --from (AOT)" ;;
    reader) label="EvidenceReader (JIT, incl. startup)" ;;
  esac
  best_of_row "$label" "$name" grep
done
