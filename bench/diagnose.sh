#!/usr/bin/env bash
# Diagnose benchmark: on the connections benchmark's socket setup (bench/socket_holder.py in a
# network namespace: 60% ESTABLISHED pairs, 40% TIME_WAIT), times the published NativeAOT
# `portdoctor diagnose --format json` against `portdoctor connections --format json` (median of
# RUNS runs each, interleaved). The target: diagnose within 1.5x of connections.
# Needs root, python3, iproute2. Usage: bench/diagnose.sh [sizes...]   (default: 10000 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/diagnose.sh: needs root (ip netns)" >&2; exit 77; }

sizes=("${@:-10000 40000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-7}
out=$(mktemp -d)
ns="pdd-bench-$$"
holder_pid=""
cleanup() {
  [ -n "$holder_pid" ] && kill "$holder_pid" 2>/dev/null && wait "$holder_pid" 2>/dev/null
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

echo "publishing NativeAOT binary..." >&2
dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o "$out/bin" -nologo -v quiet >&2
portdoctor="$out/bin/portdoctor"

# Median wall time in ms, measured from a shell already inside the namespace.
time_ms() {
  ip netns exec "$ns" bash -c '
    runs=$1; shift
    for _ in $(seq "$runs"); do
      start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
      echo $(( (end - start) / 1000 ))
    done' timer "$runs" "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

printf '| sockets | connections ms | diagnose ms | diagnose/connections | verdict | peak RSS diagnose MB |\n'
printf '| ---: | ---: | ---: | ---: | --- | ---: |\n'
for total in "${sizes[@]}"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_local_port_range="1024 65535" net.ipv4.tcp_max_tw_buckets=262144 net.ipv4.tcp_tw_reuse=0
  pairs=$(( total * 3 / 10 ))
  time_waits=$(( total - 2 * pairs ))
  coproc HOLDER { ip netns exec "$ns" python3 bench/socket_holder.py "$pairs" "$time_waits"; }
  holder_pid=$HOLDER_PID
  read -r ready <&"${HOLDER[0]}"
  [ "$ready" = ready ] || { echo "socket holder failed" >&2; exit 1; }
  sockets=$(ip netns exec "$ns" ss -Htan | wc -l)

  c1=$(time_ms "$portdoctor" connections --format json)
  d1=$(time_ms "$portdoctor" diagnose --format json)
  c2=$(time_ms "$portdoctor" connections --format json)
  d2=$(time_ms "$portdoctor" diagnose --format json)
  c=$(awk -v a="$c1" -v b="$c2" 'BEGIN {printf "%.1f", (a < b ? a : b)}')
  d=$(awk -v a="$d1" -v b="$d2" 'BEGIN {printf "%.1f", (a < b ? a : b)}')
  verdict=$(ip netns exec "$ns" "$portdoctor" diagnose --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])' || true)
  rss=$(ip netns exec "$ns" /usr/bin/time -f '%M' "$portdoctor" diagnose --format json 2>&1 >/dev/null | tail -n 1 || echo '?')
  rss_mb=$(awk -v k="$rss" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print "?" }')
  ratio=$(awk -v a="$d" -v b="$c" 'BEGIN {printf "%.2f", a / b}')
  printf '| %d | %s | %s | %s | %s | %s |\n' "$sockets" "$c" "$d" "$ratio" "$verdict" "$rss_mb"

  exec {HOLDER[1]}>&-
  wait "$holder_pid" 2>/dev/null || true
  holder_pid=""
  ip netns del "$ns"
done
