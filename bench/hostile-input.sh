#!/usr/bin/env bash
# Times `portdoctor diagnose --from` on hostile input shapes (bench/generate-hostile.py) against
# `grep -c .` on the same file, and reports wall time, CPU time (user + sys), max RSS and the wall
# and CPU ratios (goal: at most 2x grep's time and 200 MB, issue 10 section 4). Each file is read
# once beforehand (page cache); ROUNDS (default 1) runs each contender that often and
# keeps the best wall time of each (with that run's CPU and RSS).
# Usage: [ROUNDS=1] bench/hostile-input.sh [SIZE_MB=200] [SHAPES...]
# PORTDOCTOR_BIN=path runs that binary (default: the NativeAOT build, published once).
# PORTDOCTOR_BASE_BIN=path also runs a second binary (e.g. main's) on the same files in the same
# window, and prints its wall, CPU and MB and its wall ratio to grep after the others.
# SIZE_MB=1000 (1 GB, the size issue 10 states the goal for) needs about 1 GB free in /tmp per shape.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-200}"
shift || true
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(long-line continuation samples group-object exclusions binary)
bin="${PORTDOCTOR_BIN:-}"
if [ -z "$bin" ]; then
  dotnet publish src/PortDoctor.Cli -c Release -r linux-x64 -o /tmp/pdo-bench-aot -nologo -v quiet >/dev/null
  bin=/tmp/pdo-bench-aot/portdoctor
fi
dir=$(mktemp -d /tmp/pdo-hostile.XXXXXX)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary: $bin"
rounds="${ROUNDS:-1}"
base="${PORTDOCTOR_BASE_BIN:-}"
[ -z "$base" ] || echo "base binary: $base"
printf '%-14s %5s %7s %7s %7s %7s %8s %8s %7s %7s %5s' shape MB "grep s" "pd s" "grep cpu" "pd cpu" "grep MB" "pd MB" "÷ wall" "÷ cpu" exit
[ -z "$base" ] && echo || printf ' %7s %7s %7s %7s\n' "base s" "b cpu" "base MB" "b ÷ wall"
measure() {  # prints "wall cpu maxrss_kb exit"
  local timing; timing=$(mktemp -p "$dir")
  set +e
  /usr/bin/time -o "$timing" -f "%e %U %S %M %x" "$@" >"$dir/out" 2>"$dir/err"
  set -e
  tail -1 "$timing" | sed 's/^Command exited with non-zero status [0-9]* //' | awk '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, $5}'
}
best() {  # best of "$rounds" runs by wall time: prints "wall cpu maxrss_kb exit"
  local line bestline=""
  for ((r = 0; r < rounds; r++)); do
    line=$(measure "$@")
    if [ -z "$bestline" ] || awk "BEGIN{exit !(${line%% *} < ${bestline%% *})}"; then bestline=$line; fi
  done
  echo "$bestline"
}
for shape in "${shapes[@]}"; do
  file="$dir/$shape.txt"
  python3 bench/generate-hostile.py "$shape" "$file" "$size" >/dev/null
  touch -d '-10 minutes' "$file"
  cat "$file" >/dev/null
  read -r gwall gcpu grss _ < <(best env LC_ALL=C grep -c . "$file")
  read -r pwall pcpu prss pexit < <(best "$bin" diagnose --from "$file" --format json)
  ratio=$(awk "BEGIN{printf \"%.2f\", $pwall / ($gwall > 0.01 ? $gwall : 0.01)}")
  cratio=$(awk "BEGIN{printf \"%.1f\", $pcpu / ($gcpu > 0.01 ? $gcpu : 0.01)}")
  printf '%-14s %5d %7s %7s %7s %7s %8d %8d %7s %7s %5s' "$shape" "$(( $(stat -c %s "$file") / 1000000 ))" "$gwall" "$pwall" "$gcpu" "$pcpu" "$((grss / 1024))" "$((prss / 1024))" "$ratio" "$cratio" "$pexit"
  if [ -n "$base" ]; then
    read -r bwall bcpu brss _ < <(best "$base" diagnose --from "$file" --format json)
    printf ' %7s %7s %7d %7s\n' "$bwall" "$bcpu" "$((brss / 1024))" "$(awk "BEGIN{printf \"%.2f\", $bwall / ($gwall > 0.01 ? $gwall : 0.01)}")"
  else
    echo
  fi
  [ "$pexit" -lt 128 ] || { echo "  portdoctor died of a signal: $(head -c 300 "$dir/err")"; }
  rm -f "$file"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
