#!/usr/bin/env bash
# All-namespaces benchmark: makes K network namespaces (narrow range, lo up, a python workload
# holding 50 connections in each), then times `portdoctor diagnose --all-netns --format json`
# against what a user would otherwise run, one `ip netns exec NS portdoctor diagnose --format json`
# per namespace, over the same namespaces (median of RUNS runs each, in alternation). It reports
# the all-netns time per namespace found over the time of one `diagnose --netns` (target <= 1.5x).
# Needs root, python3, iproute2. Usage: bench/all-netns.sh [K...]   (default: 2 8)
# PORTDOCTOR_BIN=path skips the NativeAOT publish (e.g. "dotnet .../portdoctor.dll").
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/all-netns.sh: needs root (ip netns)" >&2; exit 77; }

counts=("${@:-2 8}")
read -r -a counts <<<"${counts[*]}"
runs=${RUNS:-5}
out=$(mktemp -d)
names=()
pids=()
down() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for n in "${names[@]}"; do ip netns del "$n" 2>/dev/null || true; done
  names=(); pids=()
}
trap 'down; rm -rf "$out"' EXIT

if [ -n "${PORTDOCTOR_BIN:-}" ]; then
  read -r -a portdoctor <<<"$PORTDOCTOR_BIN"
else
  echo "publishing NativeAOT binary..." >&2
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o "$out/bin" -nologo -v quiet >&2
  portdoctor=("$out/bin/portdoctor")
fi

holder='import socket, sys, time
srv = socket.socket(); srv.bind(("127.0.0.1", 9000)); srv.listen(512); held = []
for _ in range(50):
    c = socket.socket(); c.connect(("127.0.0.1", 9000)); held += [c, srv.accept()[0]]
print("ready", flush=True); time.sleep(3600)'

median() { sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }

printf '| namespaces made | namespaces found | one `--netns` ms | `--all-netns` ms | per namespace ms | per namespace / one | loop of `ip netns exec` ms | all-netns / loop |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for k in "${counts[@]}"; do
  for i in $(seq "$k"); do
    n="pdb-allns-$$-$i"; names+=("$n")
    ip netns add "$n"; ip -n "$n" link set lo up
    ip netns exec "$n" sysctl -qw net.ipv4.ip_local_port_range="40000 40999"
    ip netns exec "$n" python3 -c "$holder" >"$out/ready-$i" &
    pids+=("$!")
    until grep -q ready "$out/ready-$i"; do sleep 0.1; done
  done
  # The exit code is the worst verdict (1 or 2 when any namespace on the host is at risk): not a failure here.
  found=$({ "${portdoctor[@]}" diagnose --all-netns --format json 2>/dev/null || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  : >"$out/one"; : >"$out/all"; : >"$out/loop"
  for _ in $(seq "$runs"); do
    ms "${portdoctor[@]}" diagnose --netns "${names[0]}" --format json >>"$out/one"
    ms "${portdoctor[@]}" diagnose --all-netns --format json >>"$out/all"
    ms bash -c 'for n in "${@:2}"; do ip netns exec "$n" $1 diagnose --format json; done' loop "${portdoctor[*]}" "${names[@]}" >>"$out/loop"
  done
  one=$(median <"$out/one"); all=$(median <"$out/all"); loop=$(median <"$out/loop")
  awk -v k="$k" -v f="$found" -v one="$one" -v all="$all" -v loop="$loop" 'BEGIN {
    printf "| %d | %d | %.1f | %.1f | %.1f | %.2f | %.1f | %.2f |\n", k, f, one, all, all / f, all / f / one, loop, all / loop }'
  down
done
echo "(the loop covers only the namespaces made; --all-netns also judges the host's own and any other found)" >&2
