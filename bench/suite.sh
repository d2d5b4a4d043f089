#!/usr/bin/env bash
# The whole test suite (`bash scripts/test.sh`, build included) with its CPU: every process it
# starts, daemons too (the compiler server, wineservers), counted by a cgroup of its own, beside
# the wall time and the load before and after. On 2 cores the wall is at least CPU / 2. Not a test.
# Usage: bench/suite.sh [--clean] [test.sh arguments]   (--clean: git clean -fdx first, as a fresh clone)
# Needs root and cgroup v1 cpuacct (/sys/fs/cgroup/cpuacct) or cgroup v2 (/sys/fs/cgroup/cgroup.procs).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --clean ]; then
  shift
  git clean -fdxq
fi

name=portdoctor-suite-$$
if [ -d /sys/fs/cgroup/cpuacct ]; then
  group=/sys/fs/cgroup/cpuacct/$name
  mkdir "$group" || exit 1
  usage() { awk '{ printf "%.0f", $1 / 1e9 }' "$group/cpuacct.usage"; }
  procs=$group/tasks
elif [ -f /sys/fs/cgroup/cgroup.procs ]; then
  group=/sys/fs/cgroup/$name
  mkdir "$group" || exit 1
  usage() { awk '$1 == "usage_usec" { printf "%.0f", $2 / 1e6 }' "$group/cpu.stat"; }
  procs=$group/cgroup.procs
else
  echo "bench/suite.sh: no cgroup v1 cpuacct or v2 hierarchy to count CPU in" >&2
  exit 69
fi

echo "machine: $(nproc) cores, load average before $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
bash -c 'echo $$ >"$1"; shift; exec bash scripts/test.sh "$@"' bash "$procs" "$@"
status=$?
wall=$(($(date +%s) - start))
echo "suite: ${wall} s wall, $(usage) s CPU (every process of the run), exit $status; load average after $(cut -d' ' -f1-3 /proc/loadavg)"
# Empty once every process of the run has ended (a wineserver lingers a few seconds).
for _ in $(seq 30); do rmdir "$group" 2>/dev/null && break; sleep 1; done
exit "$status"
