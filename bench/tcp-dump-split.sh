#!/usr/bin/env bash
# The kernel's share of a monitor sample, split by table walked: in the monitor bench's namespace
# (TOTAL TCP sockets, 60% ESTABLISHED pairs, 40% TIME_WAIT; bench/lib/holder_namespace.sh) one
# sock_diag TCP dump per state mask, ROUNDS rounds (default 40) alternating the masks, median CPU per dump:
#   0xffffffff  every state: what the monitor asks (listening, bind and established tables walked)
#   0xffffdfff  every state but TCP_BOUND_INACTIVE (bit 13): the bind-table walk left out
#   0x2000      TCP_BOUND_INACTIVE only: the bind walk, plus the established walk with nothing emitted
#   0x1         no real state: the established table walked, nothing emitted (the walk's floor)
#   0x2, 0x40   ESTABLISHED only, TIME_WAIT only
# Needs root, gcc, python3, iproute2. Usage: bench/tcp-dump-split.sh [TOTAL]   (default 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/tcp-dump-split.sh: needs root (ip netns)" >&2; exit 77; }
command -v gcc >/dev/null || { echo "bench/tcp-dump-split.sh: needs gcc" >&2; exit 69; }
total=${1:-40000}
out=$(mktemp -d)
ns="pdm-bench-${BENCH_TAG:+$BENCH_TAG-}$$"
runs=1
source bench/lib/holder_namespace.sh
trap 'holder_down; rm -rf "$out"' EXIT
gcc -O2 -o "$out/split" bench/lib/tcp_dump_split.c
holder_up "$total"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $total TCP sockets"
ip netns exec "$ns" "$out/split" "${ROUNDS:-40}" 0xffffffff 0xffffdfff 0x2000 0x1 0x2 0x40
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
