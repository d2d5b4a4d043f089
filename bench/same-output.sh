#!/usr/bin/env bash
# Runs `diagnose --from F --format json` and `report --from F --format json` with two binaries on
# every real-world fixture (tests/PortDoctor.Evidence.Tests/Fixtures/RealWorld*) and on any extra
# files given (large generated logs, which take the parallel reader), and compares stdout, stderr
# and the exit code byte for byte. Prints one line per difference and a count; exits 1 on any.
# Usage: bench/same-output.sh NEW_BIN BASE_BIN [EXTRA_FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
new="${1:?usage: same-output.sh NEW_BIN BASE_BIN [EXTRA_FILE...]}"
base="${2:?usage: same-output.sh NEW_BIN BASE_BIN [EXTRA_FILE...]}"
shift 2
dir=$(mktemp -d /tmp/pdo-same.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mapfile -t files < <(find tests/PortDoctor.Evidence.Tests/Fixtures -path '*/RealWorld*' -type f | sort)
files+=("$@")
runs=0
differ=0
for file in "${files[@]}"; do
  for verb in diagnose report; do
    for who in new base; do
      bin=$new
      [ "$who" = new ] || bin=$base
      set +e
      "$bin" "$verb" --from "$file" --format json >"$dir/$who.out" 2>"$dir/$who.err"
      echo $? >"$dir/$who.rc"
      set -e
    done
    runs=$((runs + 1))
    for part in out err rc; do
      if ! cmp -s "$dir/new.$part" "$dir/base.$part"; then
        differ=$((differ + 1))
        echo "differs: $verb --from $file ($part)"
        break
      fi
    done
  done
done
echo "$runs runs on ${#files[@]} files, $differ differ"
[ "$differ" -eq 0 ]
