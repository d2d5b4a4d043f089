#!/usr/bin/env bash
# Generates a periodic netstat log (default 1 GB, ~13M rows), then in one run times
# `grep -c TIME_WAIT`, the evidence reader (every field of every row parsed, TIME_WAIT counted
# from parsed sockets) and the NativeAOT CLI `portdoctor connections --from` on it. The file is
# read once beforehand so every contender reads from the page cache.
# Usage: bench/evidence-read.sh [SIZE_GB=1.0] [FILE=/tmp/pdo-bench-periodic.log]
# PORTDOCTOR_BIN=path skips publishing the AOT CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1.0}"
file="${2:-/tmp/pdo-bench-periodic.log}"
[ -f "$file" ] || python3 bench/generate-periodic-log.py "$file" "$size"
dotnet build bench/EvidenceRead -c Release -nologo -v quiet >/dev/null
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o /tmp/pdo-bench-aot -nologo -v quiet >/dev/null
  bin=/tmp/pdo-bench-aot/portdoctor
fi
cat "$file" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $file ($(stat -c %s "$file") bytes, $(grep -c '^  TCP' "$file") rows)"
t() { /usr/bin/time -f "  %e s wall, %U s user, %M KB max RSS" "$@"; }
echo "grep -c TIME_WAIT:"; LC_ALL=C t grep -c TIME_WAIT "$file"
echo "EvidenceReader (JIT):"; t dotnet bench/EvidenceRead/bin/Release/net10.0/EvidenceRead.dll "$file"
echo "portdoctor connections --from FILE --group-by state (NativeAOT):"
t "$bin" connections --from "$file" --group-by state --format csv 2>&1 | grep -v 'note:'
