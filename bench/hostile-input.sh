#!/usr/bin/env bash
# Times `portdoctor diagnose --from` on hostile input shapes (bench/generate-hostile.py) against
# `grep -c .` on the same file, and reports wall time, max RSS and the ratio (goal: at most 2x
# grep's time and 200 MB, issue 10 section 4). Each file is read once beforehand (page cache).
# Usage: bench/hostile-input.sh [SIZE_MB=200] [SHAPES...]
# PORTDOCTOR_BIN=path runs that binary (default: the NativeAOT build, published once).
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
printf '%-14s %8s %10s %10s %12s %12s %8s %6s\n' shape "MB" "grep s" "pd s" "grep RSS MB" "pd RSS MB" "÷ grep" exit
measure() {  # prints "wall maxrss_kb exit"
  local timing; timing=$(mktemp -p "$dir")
  set +e
  /usr/bin/time -o "$timing" -f "%e %M %x" "$@" >"$dir/out" 2>"$dir/err"
  set -e
  tail -1 "$timing" | sed 's/^Command exited with non-zero status [0-9]* //'
}
for shape in "${shapes[@]}"; do
  file="$dir/$shape.txt"
  python3 bench/generate-hostile.py "$shape" "$file" "$size" >/dev/null
  touch -d '-10 minutes' "$file"
  cat "$file" >/dev/null
  read -r gwall grss _ < <(measure env LC_ALL=C grep -c . "$file")
  read -r pwall prss pexit < <(measure "$bin" diagnose --from "$file" --format json)
  ratio=$(awk "BEGIN{printf \"%.2f\", $pwall / ($gwall > 0.01 ? $gwall : 0.01)}")
  printf '%-14s %8d %10s %10s %12d %12d %8s %6s\n' "$shape" "$(( $(stat -c %s "$file") / 1000000 ))" "$gwall" "$pwall" "$((grss / 1024))" "$((prss / 1024))" "$ratio" "$pexit"
  [ "$pexit" -lt 128 ] || { echo "  portdoctor died of a signal: $(head -c 300 "$dir/err")"; }
  rm -f "$file"
done
