#!/usr/bin/env bash
# Builds once, runs every test project (in parallel; tests inside a project run in parallel too),
# and prints one summary line: "Tests: N passed, N failed, N skipped".
# Extra arguments go to each `dotnet test` (e.g. --filter "FullyQualifiedName~Lab").
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! dotnet build PortDoctor.slnx -c Release -nologo -v quiet; then
  echo "Tests: 0 passed, 1 failed, 0 skipped"
  echo "the build failed" >&2
  exit 1
fi

status=0
pids=()
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal" --results-directory "$results/$name" "$@" \
    >"$results/$name.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done

passed=0 failed=0 skipped=0
for log in "$results"/*.log; do
  name=$(basename "$log" .log)
  echo "===== $name"
  grep -E '^\s+(Passed|Failed|Skipped) |\[FAIL\]|\[SKIP\]|Error Message|Assert\.|^\s+at |Total tests|Passed!|Failed!' "$log" | grep -v '^\s*Passed ' || true
  trx="$results/$name/$name.trx"
  if [ ! -f "$trx" ]; then
    cat "$log"
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit "$status"
