#!/usr/bin/env bash
# Monitor cost: one sample's wall and CPU time (as the monitor records them: observation + sample
# building, not the SQLite write) at TOTAL TCP sockets in a network namespace, beside one
# `portdoctor connections --protocol tcp --format json` (wall and user+sys CPU of the process, median of RUNS=5).
# The monitor samples every 1 s for DURATION (default 30 s); the first sample (start-up, every fd
# table walked) is left out. Owners are remembered between samples and every fd table is walked
# again every 10th sample: the median is a remembered sample, the mean includes the full rescans,
# the max is about one full rescan.
# Needs root, python3, iproute2. Usage: bench/monitor.sh [sizes...]   (default: 5000 20000 40000)
# PORTDOCTOR_BIN=path times a given NativeAOT binary instead of publishing one; BENCH_TAG=word goes into
# the namespace's name (several people benchmarking on one machine). BASELINE_BIN=path runs that binary's
# monitor at the same time in the same namespace and prints its figures after each row: a paired
# comparison, which a loaded machine's drift between two runs one after the other does not blur. The
# baseline starts half an interval earlier (intervals in whole seconds), so the two never sample at the same
# instant: on two cores, which one the other's sample slowed decided a run (docs/benchmarks.md, thirteenth stop).
# INTERVAL=5s samples at another interval (default 1s); with it, the line after each row gives each
# monitor process's whole CPU (start-up included) as a share of one core. HOLDER_MIX and HOLDER_CHURN
# (bench/lib/holder_namespace.sh) choose the sockets' mix and keep TIME_WAIT up in runs over a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/monitor.sh: needs root (ip netns)" >&2; exit 77; }
[ -x /usr/bin/time ] || { echo "bench/monitor.sh: needs GNU time (/usr/bin/time)" >&2; exit 69; }

sizes=("${@:-5000 20000 40000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-5}
duration=${DURATION:-30s}
interval=${INTERVAL:-1s}
out=$(mktemp -d)
ns="pdm-bench-${BENCH_TAG:+$BENCH_TAG-}$$"
source bench/lib/holder_namespace.sh
trap 'holder_down; rm -rf "$out"' EXIT

if [ -n "${PORTDOCTOR_BIN:-}" ]; then
  portdoctor=$PORTDOCTOR_BIN
else
  echo "publishing NativeAOT binary..." >&2
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o "$out/bin" -nologo -v quiet >&2
  portdoctor="$out/bin/portdoctor"
fi

# share PATH: "user+sys s CPU in elapsed s, N% of a core" from a `/usr/bin/time -f "%M %U %S %e"` file.
share() { awk '{printf "%.2f s CPU in %.1f s, %.2f%% of a core", $2 + $3, $4, 100 * ($2 + $3) / $4}' "$1"; }
median() { sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)]}'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
mean() { awk '{s += $1} END {printf "%.1f", s / NR}'; }
max() { sort -n | tail -n 1 | awk '{printf "%.1f", $1}'; }

printf '| sockets | sample wall ms (median) | sample CPU ms (median) | sample CPU ms (mean) | sample CPU ms (max) | monitor max RSS MB | connections wall ms | connections CPU ms |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for total in "${sizes[@]}"; do
  holder_up "$total"
  rm -f "$out"/h.db* "$out"/b.db*
  baseline_pid=""
  if [ -n "${BASELINE_BIN:-}" ]; then
    ip netns exec "$ns" /usr/bin/time -f "%M %U %S %e" -o "$out/baseline.rss" \
      "$BASELINE_BIN" monitor --interval "$interval" --duration "$duration" --quiet --format json --db "$out/b.db" >"$out/baseline" 2>/dev/null &
    baseline_pid=$!
    if [[ $interval =~ ^([0-9]+)s$ ]]; then
      sleep "$(awk -v s="${BASH_REMATCH[1]}" 'BEGIN {print s / 2}')"
    fi
  fi
  ip netns exec "$ns" /usr/bin/time -f "%M %U %S %e" -o "$out/monitor.rss" \
    "$portdoctor" monitor --interval "$interval" --duration "$duration" --quiet --format json --db "$out/h.db" >"$out/lines" 2>/dev/null
  [ -z "$baseline_pid" ] || wait "$baseline_pid"
  wall=$(tail -n +2 "$out/lines" | python3 -c 'import json,sys; [print(json.loads(l)["costMs"]) for l in sys.stdin]' | median)
  tail -n +2 "$out/lines" | python3 -c 'import json,sys; [print(json.loads(l)["cpuMs"]) for l in sys.stdin]' >"$out/cpu"
  cpu=$(median <"$out/cpu"); cpumean=$(mean <"$out/cpu"); cpumax=$(max <"$out/cpu")
  rss=$(awk '{printf "%.0f", $1 / 1024}' "$out/monitor.rss")
  : >"$out/conn"
  for i in $(seq "$runs"); do
    ip netns exec "$ns" /usr/bin/time -f "%e %U %S" -o "$out/c.$i" "$portdoctor" connections --protocol tcp --format json >/dev/null 2>&1
    cat "$out/c.$i" >>"$out/conn"
  done
  cwall=$(awk '{print $1 * 1000}' "$out/conn" | median)
  ccpu=$(awk '{print ($2 + $3) * 1000}' "$out/conn" | median)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$total" "$wall" "$cpu" "$cpumean" "$cpumax" "$rss" "$cwall" "$ccpu"
  echo "monitor process ($(wc -l <"$out/lines") samples at $interval, sockets in the namespace at the end: $(ip netns exec "$ns" ss -Htan | wc -l)): $(share "$out/monitor.rss")"
  if [ -n "$baseline_pid" ]; then
    tail -n +2 "$out/baseline" | python3 -c 'import json,sys; [print(json.loads(l)["cpuMs"]) for l in sys.stdin]' >"$out/bcpu"
    echo "baseline ($BASELINE_BIN, same namespace, same time): sample CPU ms median $(median <"$out/bcpu"), mean $(mean <"$out/bcpu"), max $(max <"$out/bcpu"), max RSS $(awk '{printf "%.0f", $1 / 1024}' "$out/baseline.rss") MB, $(share "$out/baseline.rss")"
  fi
  holder_down
done
