#!/usr/bin/env bash
# Generates Get-NetTCPConnection | ConvertTo-Json (Windows PowerShell 5.1 layout) and
# wevtutil qe /f:xml files of each size, then in one run times, with max RSS from /usr/bin/time:
#   JSON: the evidence reader (JIT, bench/StructuredRead), the NativeAOT CLI
#         `portdoctor connections --from FILE --group-by state`, and what a user would otherwise run,
#         python3 json.load;
#   XML:  the evidence reader (JIT), the NativeAOT CLI `portdoctor diagnose --from FILE`, and
#         grep -c for the 4227 events (xmllint --stream too, when installed).
# Each file is read once beforehand so every contender reads from the page cache.
# Usage: bench/structured-read.sh [SIZES_MB="100 500"] [DIR=/tmp]
# PORTDOCTOR_BIN=path skips publishing the AOT CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-100 500}"
dir="${2:-/tmp}"
dotnet build bench/StructuredRead -c Release -nologo -v quiet >/dev/null
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o /tmp/pdo-bench-aot -nologo -v quiet >/dev/null
  bin=/tmp/pdo-bench-aot/portdoctor
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
t() { /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB max RSS" "$@"; }
reader=bench/StructuredRead/bin/Release/net10.0/StructuredRead.dll
for size in $sizes; do
  json="$dir/pdo-bench-structured-$size.json"
  xml="$dir/pdo-bench-structured-$size.xml"
  [ -f "$json" ] || python3 bench/generate-structured.py json "$json" "$size"
  [ -f "$xml" ] || python3 bench/generate-structured.py xml "$xml" "$size"
  cat "$json" "$xml" >/dev/null
  echo "== $json ($(stat -c %s "$json") bytes)"
  echo "EvidenceReader (JIT):"; t dotnet "$reader" "$json"
  echo "portdoctor connections --from FILE --group-by state (NativeAOT):"
  t "$bin" connections --from "$json" --group-by state --format csv 2>&1 | grep -v 'note:'
  echo "python3 json.load (objects):"; t python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$json"
  echo "== $xml ($(stat -c %s "$xml") bytes)"
  echo "EvidenceReader (JIT):"; t dotnet "$reader" "$xml"
  echo "portdoctor diagnose --from FILE (NativeAOT; exit code 2 = exhausted):"
  t "$bin" diagnose --from "$xml" --format json 2>&1 >/dev/null | grep -v 'note:' || true
  echo "grep -c '<EventID[^>]*>4227<':"; LC_ALL=C t grep -c '<EventID[^>]*>4227<' "$xml"
  if command -v xmllint >/dev/null; then
    # wevtutil prints no root element: xmllint needs one, so it reads the events wrapped.
    echo "xmllint --stream (wrapped in a root):"
    t sh -c "{ echo '<Events>'; cat '$xml'; echo '</Events>'; } | xmllint --stream --noout -"
  fi
done
