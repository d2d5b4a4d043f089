#!/usr/bin/env bash
# Connections benchmark: creates ~1k/10k/40k TCP sockets (ESTABLISHED + TIME_WAIT) in a network
# namespace, then times the published NativeAOT `portdoctor connections --format json` against
# `ss -tanp` and `netstat -tanp` on the same sockets (median of RUNS runs each, interleaved), and
# checks that every socket is attributed as `ss -p` attributes it. Needs root, python3, iproute2,
# net-tools. Usage: bench/connections.sh [sizes...]   (default: 1000 10000 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/connections.sh: needs root (ip netns)" >&2; exit 77; }

sizes=("${@:-1000 10000 40000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-7}
out=$(mktemp -d)
ns="pdf-bench-$$"
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

# Times the three tools in rounds (portdoctor, ss, netstat, portdoctor, ss, ...) from a shell
# already inside the namespace, so `ip netns exec` start-up is charged to none of them and drift
# (TIME_WAIT expiry, page cache) hits them alike. Prints the median milliseconds of each.
time_all() {
  ip netns exec "$ns" bash -c '
    runs=$1; portdoctor=$2
    for _ in $(seq "$runs"); do
      for tool in portdoctor ss netstat; do
        case $tool in
          portdoctor) cmd=("$portdoctor" connections --protocol tcp --format json) ;;
          ss) cmd=(ss -tanp) ;;
          netstat) cmd=(netstat -tanp) ;;
        esac
        start=$(date +%s%N); "${cmd[@]}" >/dev/null 2>&1; end=$(date +%s%N)
        echo "$tool $(( (end - start) / 1000 ))"
      done
    done' timer "$runs" "$portdoctor" >"$out/times"
  for tool in portdoctor ss netstat; do
    awk -v t="$tool" '$1 == t {print $2}' "$out/times" | sort -n |
      awk '{a[NR] = $1} END {printf "%.1f ", a[int((NR + 1) / 2)] / 1000}'
  done
}

# TIME_WAIT lasts 60 s: "sockets" is the count before timing and, after the slash, after it.
printf '| sockets | ESTABLISHED | TIME_WAIT | portdoctor ms | ss -tanp ms | netstat -tanp ms | portdoctor/ss | portdoctor/netstat | attribution vs ss -p |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n'
for total in "${sizes[@]}"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_local_port_range="1024 65535" net.ipv4.tcp_max_tw_buckets=262144 net.ipv4.tcp_tw_reuse=0
  # tcp_tw_reuse=0: the default 2 lets loopback connects recycle our TIME_WAIT ports.
  # 60% ESTABLISHED (two sockets per connection), 40% TIME_WAIT.
  pairs=$(( total * 3 / 10 ))
  time_waits=$(( total - 2 * pairs ))
  coproc HOLDER { ip netns exec "$ns" python3 bench/socket_holder.py "$pairs" "$time_waits"; }
  holder_pid=$HOLDER_PID
  read -r ready <&"${HOLDER[0]}"
  [ "$ready" = ready ] || { echo "socket holder failed" >&2; exit 1; }

  established=$(ip netns exec "$ns" ss -Htn state established | wc -l)
  timewait=$(ip netns exec "$ns" ss -Htn state time-wait | wc -l)

  read -r pd ssm ns_ms <<<"$(time_all)"

  ip netns exec "$ns" "$portdoctor" connections --protocol tcp --format json >"$out/pd.json" 2>/dev/null
  ip netns exec "$ns" ss -tanp >"$out/ss.txt"
  left=$(ip netns exec "$ns" ss -Htn state established state time-wait | wc -l)
  attribution=$(python3 bench/compare_attribution.py "$out/pd.json" "$out/ss.txt" 2>&1 | tail -n 1) || true

  ratio_ss=$(awk -v a="$pd" -v b="$ssm" 'BEGIN {printf "%.2f", a / b}')
  ratio_netstat=$(awk -v a="$pd" -v b="$ns_ms" 'BEGIN {printf "%.2f", a / b}')
  printf '| %d / %d | %d | %d | %s | %s | %s | %s | %s | %s |\n' \
    "$((established + timewait))" "$left" "$established" "$timewait" "$pd" "$ssm" "$ns_ms" "$ratio_ss" "$ratio_netstat" "$attribution"

  exec {HOLDER[1]}>&-
  wait "$holder_pid" 2>/dev/null || true
  holder_pid=""
  ip netns del "$ns"
done
