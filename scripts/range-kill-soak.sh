#!/usr/bin/env bash
# Soak of `range set --persist` under kill -9 (root): in a network namespace of its own, KILLS times
# (default 300) starts a set, kills it at a random moment (0-2x a set's run time), rolls back, and
# checks the invariants docs/cli.md promises: the original range, no backup, no sysctl.d file, no
# temp file. Prints each bad kill and ends with "N kills: B bad"; exit 1 when B > 0.
# Usage: scripts/range-kill-soak.sh [KILLS] [portdoctor binary]   (default: this build's apphost)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "range-kill-soak: needs root (ip netns, sysctl)" >&2; exit 77; }
kills=${1:-300}
bin=${2:-}
if [ -z "$bin" ]; then
  dotnet build src/PortDoctor.Cli -c Release -nologo -v quiet >&2
  bin=$PWD/src/PortDoctor.Cli/bin/Release/net10.0/portdoctor
fi
ns=pd-soak-$$
dir=$(mktemp -d)
key=/proc/sys/net/ipv4/ip_local_port_range
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$dir"' EXIT
ip netns add "$ns"
run() { ip netns exec "$ns" "$@"; }
run sh -c "echo '32768 60999' > $key"
original=$(run cat $key)
state=$dir/state sysctl=$dir/sysctl.d
mkdir -p "$sysctl"

# One uninterrupted set and rollback give the run time the kills are spread over.
t0=$(date +%s%N)
run "$bin" range set --start 20000 --count 40000 --yes --persist --state-dir "$state" --sysctl-dir "$sysctl" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
run "$bin" range rollback --yes --state-dir "$state" >/dev/null
echo "one set: $ms ms; $kills kills at 0-$((2 * ms)) ms" >&2

bad=0
for i in $(seq 1 "$kills"); do
  run "$bin" range set --start $((20000 + i % 100)) --count 40000 --yes --persist --state-dir "$state" --sysctl-dir "$sysctl" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v r=$RANDOM -v ms="$ms" 'BEGIN {printf "%.3f", r / 32767 * 2 * ms / 1000}')"
  pkill -9 -P "$pid" 2>/dev/null || true # ip netns exec execs portdoctor: the child, or the process itself
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  code=0
  run "$bin" range rollback --yes --state-dir "$state" >/dev/null 2>"$dir/err" || code=$?
  problems=()
  [ "$code" -eq 0 ] || [ "$code" -eq 69 ] || problems+=("rollback exit $code: $(head -c 200 "$dir/err")")
  [ "$(run cat $key)" = "$original" ] || problems+=("range $(run cat $key)")
  [ ! -e "$state/range-backup.json" ] || problems+=("backup left")
  [ -z "$(ls -A "$sysctl")" ] || problems+=("sysctl.d: $(ls -A "$sysctl" | tr '\n' ' ')")
  leftovers=$(ls -A "$state" 2>/dev/null | grep tmp || true)
  [ -z "$leftovers" ] || problems+=("temp files: $leftovers")
  if [ ${#problems[@]} -gt 0 ]; then
    bad=$((bad + 1))
    echo "kill $i: ${problems[*]}"
    run sh -c "echo '32768 60999' > $key"; rm -rf "$state" "${sysctl:?}"/*
  fi
done
echo "$kills kills: $bad bad"
[ "$bad" -eq 0 ]
