#!/usr/bin/env bash
# Generates a periodic netstat log (default 1 GB, ~14M rows), then in one run times
# `grep -c TIME_WAIT` and PortDoctor's evidence reader (every field of every row parsed) on it,
# each after one warm-up pass so both read from the page cache.
# Usage: bench/evidence-read.sh [SIZE_GB=1.0] [FILE=/tmp/pdo-bench-periodic.log]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1.0}"
file="${2:-/tmp/pdo-bench-periodic.log}"
[ -f "$file" ] || python3 bench/generate-periodic-log.py "$file" "$size"
dotnet build bench/EvidenceRead -c Release -nologo -v quiet >/dev/null
reader=(dotnet bench/EvidenceRead/bin/Release/net10.0/EvidenceRead.dll "$file")
cat "$file" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "file: $file ($(du -h "$file" | cut -f1))"
start=$(date +%s.%N); count=$(LC_ALL=C grep -c TIME_WAIT "$file"); end=$(date +%s.%N)
echo "grep -c TIME_WAIT: $count lines in $(echo "$end - $start" | bc) s"
"${reader[@]}"
