#!/usr/bin/env bash
# report: `portdoctor report --db` over 30 days of one-minute samples (43,200, 20 processes each),
# next to reading the same rows with the sqlite3 shell (what a user would otherwise run). Median of
# RUNS (default 5) interleaved runs each. Not a test.
# Usage: bench/report.sh [DIR=/tmp/pdo-bench-report]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/pdo-bench-report}"
runs="${RUNS:-5}"
mkdir -p "$dir"
db="$dir/month.db"
dotnet build bench/History -c Release -nologo -v quiet >/dev/null
dotnet build src/PortDoctor.Cli -c Release -nologo -v quiet >/dev/null
[ -f "$db" ] || dotnet bench/History/bin/Release/net10.0/History.dll month "$db"
bin=src/PortDoctor.Cli/bin/Release/net10.0/portdoctor
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "samples: $(sqlite3 "$db" 'SELECT count(*) FROM sample'), process rows: $(sqlite3 "$db" 'SELECT count(*) FROM process')"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report=(); query=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); "$bin" report --db "$db" --since 300d --format json >/dev/null; e=$(date +%s.%N)
  report+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N)
  sqlite3 "$db" 'SELECT s.time_ms, p.pid, p.name, p.ports FROM sample s JOIN process p ON p.sample_id = s.id ORDER BY s.time_ms' >/dev/null
  e=$(date +%s.%N); query+=("$(echo "$e - $s" | bc)")
done
r=$(printf '%s\n' "${report[@]}" | median); q=$(printf '%s\n' "${query[@]}" | median)
echo "portdoctor report --db (30 d): median ${r} s; sqlite3 dump of the same rows: median ${q} s; ratio $(echo "scale=2; $r / $q" | bc)"
