# For bench scripts (source it): a network namespace holding TOTAL TCP sockets made by
# bench/socket_holder.py (60% ESTABLISHED in pairs, 40% TIME_WAIT), and a wall-clock timer that
# runs inside the namespace. Callers set $ns, $runs and $out, and call holder_down in their EXIT trap.
# HOLDER_MIX=established holds every socket ESTABLISHED instead (TOTAL / 2 connections, both ends
# owned; the holder's open file limit caps that at about 37,800 sockets). HOLDER_CHURN=1 keeps the
# TIME_WAIT count up for runs longer than a minute (the holder closes TIME_WAITS / 60 new
# connections a second, client first).

holder_pid=""

# holder_up TOTAL: creates $ns with a wide range and tcp_tw_reuse=0, fills it, waits for "ready".
holder_up() {
  local total=$1 pairs time_waits ready
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  # tcp_tw_reuse=0: the default 2 lets loopback connects recycle our TIME_WAIT ports.
  # 60% ESTABLISHED (two sockets per connection), 40% TIME_WAIT.
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_local_port_range="1024 65535" net.ipv4.tcp_max_tw_buckets=262144 net.ipv4.tcp_tw_reuse=0
  pairs=$(( total * 3 / 10 ))
  [ "${HOLDER_MIX:-}" != established ] || pairs=$(( total / 2 ))
  time_waits=$(( total - 2 * pairs ))
  coproc HOLDER { ip netns exec "$ns" python3 bench/socket_holder.py "$pairs" "$time_waits" ${HOLDER_CHURN:+churn}; }
  holder_pid=$HOLDER_PID
  read -r ready <&"${HOLDER[0]}"
  [ "$ready" = ready ] || { echo "socket holder failed" >&2; exit 1; }
}

# holder_down: stops the holder (closing its stdin) and deletes the namespace; safe to repeat.
holder_down() {
  if [ -n "$holder_pid" ]; then
    if [ -n "${HOLDER[1]:-}" ]; then exec {HOLDER[1]}>&-; fi
    kill "$holder_pid" 2>/dev/null || true
    wait "$holder_pid" 2>/dev/null || true
    holder_pid=""
  fi
  ip netns del "$ns" 2>/dev/null || true
}

# time_rounds NAME=COMMAND...: runs the commands in rounds (a, b, a, b, ...) $runs times from a
# shell already inside the namespace, so `ip netns exec` start-up is charged to none of them and
# drift (TIME_WAIT expiry, load from other work) hits them alike. Prints each median in ms.
time_rounds() {
  ip netns exec "$ns" bash -c '
    runs=$1; shift
    for _ in $(seq "$runs"); do
      for spec in "$@"; do
        name=${spec%%=*}; cmd=${spec#*=}
        start=$(date +%s%N); $cmd >/dev/null 2>&1; end=$(date +%s%N)
        echo "$name $(( (end - start) / 1000 ))"
      done
    done' timer "$runs" "$@" >"$out/times"
  local spec
  for spec in "$@"; do
    awk -v t="${spec%%=*}" '$1 == t {print $2}' "$out/times" | sort -n |
      awk '{a[NR] = $1} END {printf "%.1f ", a[int((NR + 1) / 2)] / 1000}'
  done
}
