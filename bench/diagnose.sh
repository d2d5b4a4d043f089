#!/usr/bin/env bash
# Diagnose benchmark: on the connections benchmark's sockets (bench/lib/holder_namespace.sh),
# times the published NativeAOT `portdoctor diagnose --format json` against
# `portdoctor connections --format json` (median of RUNS runs each, run in alternation). The target: diagnose within 1.5x of connections.
# Needs root, python3, iproute2. Usage: bench/diagnose.sh [sizes...]   (default: 10000 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/diagnose.sh: needs root (ip netns)" >&2; exit 77; }
source bench/lib/holder_namespace.sh

sizes=("${@:-10000 40000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-7}
out=$(mktemp -d)
ns="pdd-bench-$$"
trap 'holder_down; rm -rf "$out"' EXIT

echo "publishing NativeAOT binary..." >&2
dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o "$out/bin" -nologo -v quiet >&2
portdoctor="$out/bin/portdoctor"

printf '| sockets | connections ms | diagnose ms | diagnose/connections | verdict | diagnose max RSS MB |\n'
printf '| ---: | ---: | ---: | ---: | --- | ---: |\n'
for total in "${sizes[@]}"; do
  holder_up "$total"
  sockets=$(ip netns exec "$ns" ss -Htan | wc -l)

  # read returns 1 at the missing final newline: the values are read all the same.
  read -r c d < <(time_rounds "connections=$portdoctor connections --format json" "diagnose=$portdoctor diagnose --format json") || true

  ip netns exec "$ns" "$portdoctor" diagnose --format json >"$out/diagnose.json" 2>/dev/null || true
  verdict=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$out/diagnose.json")
  rss_kb=$( { ip netns exec "$ns" /usr/bin/time -f 'rss=%M' "$portdoctor" diagnose --format json >/dev/null 2>"$out/time.txt" || true; } ; sed -n 's/^rss=//p' "$out/time.txt")
  rss=$(awk -v k="${rss_kb:-}" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print "?" }')
  ratio=$(awk -v a="$d" -v b="$c" 'BEGIN {printf "%.2f", a / b}')
  printf '| %d | %s | %s | %s | %s | %s |\n' "$sockets" "$c" "$d" "$ratio" "$verdict" "$rss"
  holder_down
done
