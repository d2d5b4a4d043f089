#!/usr/bin/env bash
# History store: bytes per day of a simulated busy host (20 processes, 4 pools, 10 destinations on
# each TCP pool, 40 new ESTABLISHED 4-tuples a sample) at 60 s and 5 s, the cost of Append, and the
# maintenance steps that purge one expired day from an 8-day file (60 s). Not a test.
# Usage: bench/history.sh [DIR=/tmp/pdo-bench-history]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/pdo-bench-history}"
mkdir -p "$dir"
rm -f "$dir"/history-60s.db* "$dir"/history-5s.db*
dotnet build bench/History -c Release -nologo -v quiet >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/History/bin/Release/net10.0/History.dll day 60 "$dir/history-60s.db" 8
dotnet bench/History/bin/Release/net10.0/History.dll day 5 "$dir/history-5s.db" 1
