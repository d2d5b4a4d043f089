#!/usr/bin/env bash
# PortDoctor.HealthChecks: p50/p99 of one probe (HealthCheckService.CheckHealthAsync, one probe per second of
# a clock the bench moves, so every 10th probe starts a background refresh) and the cost of one refresh, next to
# `ss -s` (what a user would otherwise run for a count), in a namespace holding N TCP sockets
# (bench/socket_holder.py: 60% ESTABLISHED pairs, 40% TIME_WAIT). Root. Not a test.
# Usage: sudo bench/healthchecks.sh [sizes...]   (default 1000 10000; PROBES=1000 REFRESHES=15 RUNS=15
# PAUSE_MS=2: the real pause between probes; 2 times probes during the background refresh, 100 paces them
# like a real one-probe-per-second caller whose refresh ends between two probes)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/holder_namespace.sh
sizes=("${@:-1000}")
[ $# -gt 0 ] || sizes=(1000 10000)
probes=${PROBES:-1000} refreshes=${REFRESHES:-15} runs=${RUNS:-15} pause=${PAUSE_MS:-2}
out=$(mktemp -d)
ns="pdh-bench-$$"
trap 'holder_down; rm -rf "$out"' EXIT
dotnet build bench/HealthChecks -c Release -nologo -v quiet >/dev/null
bench=bench/HealthChecks/bin/Release/net10.0/HealthChecks.dll
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), probes=$probes refreshes=$refreshes ss runs=$runs pause=${pause} ms"
echo "| sockets | probe p50 ms | probe p99 ms | refresh ms | ss -s ms | probe p50 / ss -s | probe p99 / ss -s | refresh / ss -s |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for total in "${sizes[@]}"; do
  holder_up "$total"
  result=$(ip netns exec "$ns" dotnet "$bench" "$probes" "$refreshes" "$pause")
  ss_ms=$(time_rounds "ss=ss -s")
  read -r _ p50 _ p99 _ _ _ refresh _ <<<"$result"
  awk -v n="$total" -v p50="$p50" -v p99="$p99" -v r="$refresh" -v ss="$ss_ms" \
    'BEGIN { printf "| %d | %.3f | %.3f | %.1f | %.1f | %.4f | %.3f | %.2f |\n", n, p50, p99, r, ss, p50 / ss, p99 / ss, r / ss }'
  echo "  ($result)" >&2
  holder_down
done
