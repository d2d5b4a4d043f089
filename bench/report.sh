#!/usr/bin/env bash
# report: `portdoctor report --db` over 30 days of one-minute samples (43,200, 20 processes each),
# next to reading the same rows with the sqlite3 shell (what a user would otherwise run). Median of
# RUNS (default 5) interleaved runs each, with the report's CPU time (user + sys) and peak RSS.
# The report runs as the published NativeAOT binary (what scripts/portdoctor runs), as in the other
# benches; PORTDOCTOR_BIN=path runs another (e.g. src/PortDoctor.Cli/bin/Release/net10.0/portdoctor, JIT). Not a test.
# Usage: bench/report.sh [DIR=/tmp/pdo-bench-report]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/pdo-bench-report}"
runs="${RUNS:-5}"
mkdir -p "$dir"
db="$dir/month.db"
dotnet build bench/History -c Release -nologo -v quiet >/dev/null
[ -f "$db" ] || dotnet bench/History/bin/Release/net10.0/History.dll month "$db"
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o "$dir/aot" -nologo -v quiet >/dev/null
  bin="$dir/aot/portdoctor"
fi
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "samples: $(sqlite3 "$db" 'SELECT count(*) FROM sample'), process rows: $(sqlite3 "$db" 'SELECT count(*) FROM process')"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report=(); cpu=(); rss=(); query=()
for _ in $(seq "$runs"); do
  /usr/bin/time -o "$timing" -f "%e %U %S %M" "$bin" report --db "$db" --since 300d --format json >/dev/null
  read -r wall user sys maxrss < <(tail -1 "$timing")
  report+=("$wall"); cpu+=("$(echo "$user + $sys" | bc)"); rss+=("$maxrss")
  s=$(date +%s.%N)
  sqlite3 "$db" 'SELECT s.time_ms, p.pid, p.name, p.ports FROM sample s JOIN process p ON p.sample_id = s.id ORDER BY s.time_ms' >/dev/null
  e=$(date +%s.%N); query+=("$(echo "$e - $s" | bc)")
done
r=$(printf '%s\n' "${report[@]}" | median); q=$(printf '%s\n' "${query[@]}" | median)
c=$(printf '%s\n' "${cpu[@]}" | median); m=$(printf '%s\n' "${rss[@]}" | median)
echo "portdoctor report --db (30 d, $bin): median ${r} s wall, ${c} s CPU, $((m / 1024)) MB RSS; sqlite3 dump of the same rows: median ${q} s; ratio $(echo "scale=2; $r / $q" | bc)"
