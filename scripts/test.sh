#!/usr/bin/env bash
# Builds once, publishes the win-x64 programs the Wine tests run (only when Wine is installed),
# runs every test project (in parallel; tests inside a project run in parallel too), prints each
# failed test with its message and place, and ends with one line: "Tests: N passed, N failed, N skipped".
# Extra arguments go to each `dotnet test` (e.g. --filter "FullyQualifiedName~Lab").
# `bash scripts/test.sh --publish-wine` only publishes, into artifacts/test-wine/ (then
# `export PORTDOCTOR_TEST_WINE=$PWD/artifacts/test-wine` lets `dotnet test` run the Wine tests).
# Everything runs with its own TMPDIR, removed at the end (even on failure or Ctrl+C); what the
# tests left in theirs is listed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
wine_out=$root/artifacts/test-wine

# Self-contained win-x64 (NativeAOT does not cross-compile to Windows), one artifacts folder so
# the second publish reuses the first one's Core and Platform; incremental from run to run.
publish_wine() {
  local project name
  for pair in "tests/wine/PortDoctor.WineSmoke/PortDoctor.WineSmoke.csproj smoke" \
              "src/PortDoctor.Cli/PortDoctor.Cli.csproj cli"; do
    read -r project name <<<"$pair"
    if ! dotnet publish "$project" -c Release -r win-x64 --self-contained -p:PublishAot=false \
      --artifacts-path "$wine_out/build" -o "$wine_out/$name" -nologo -v quiet; then
      rm -rf "${wine_out:?}/$name" # no stale program for the tests
      return 1
    fi
  done
}

if [ "${1:-}" = "--publish-wine" ]; then
  publish_wine && echo "published into $wine_out: export PORTDOCTOR_TEST_WINE=$wine_out"
  exit
fi

run=$(mktemp -d -t portdoctor-test.XXXXXX)
pids=() wine_pid=
trap 'rm -rf "$run"' EXIT
trap 'kill "${pids[@]}" $wine_pid 2>/dev/null; exit 130' INT TERM
results=$run/results test_tmp=$run/tmp
mkdir -p "$results" "$test_tmp" "$run/build-tmp"
# Like /tmp: tests run the CLI as nobody on files in their temp folders.
chmod 755 "$run" && chmod 1777 "$test_tmp"
export TMPDIR=$run/build-tmp

# The Wine publish runs beside the build: separate outputs, and either is mostly waiting on the other core.
if [ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || command -v wine >/dev/null; then
  publish_wine >"$results/publish-wine.log" 2>&1 &
  wine_pid=$!
fi

if ! dotnet build PortDoctor.slnx -c Release -nologo -v quiet; then
  [ -z "$wine_pid" ] || wait "$wine_pid"
  echo "Tests: 0 passed, 1 failed, 0 skipped"
  echo "the build failed" >&2
  exit 1
fi

publish_failed=0
if [ -n "$wine_pid" ]; then
  if wait "$wine_pid"; then
    export PORTDOCTOR_TEST_WINE=$wine_out
  else
    publish_failed=1
  fi
fi

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  TMPDIR=$test_tmp dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal" --results-directory "$results/$name" "$@" \
    >"$results/$name.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done

# From the console log: each failed test, its message (up to "Stack Trace:") and the first frame in
# this repository's tests or sources; skipped tests with their reason.
report() {
  awk -v root="$root/" '
    /^  Failed [^ ]/ { sub(/^  Failed /, ""); sub(/ \[[^]]*\]$/, ""); print "  FAILED " $0; state = "name"; next }
    /^  Skipped [^ ]/ { sub(/^  Skipped /, ""); sub(/ \[[^]]*\]$/, ""); print "  skipped " $0; state = ""; next }
    state == "name" && /^  Error Message:/ { state = "message"; next }
    state == "message" && /^  Stack Trace:/ { state = "stack"; next }
    state == "message" { sub(/^ +/, ""); if ($0 != "") print "      " $0; next }
    state == "stack" && index($0, root) && /:line [0-9]+/ {
      place = $0; sub(/^.* in /, "", place); sub(root, "", place); print "      at " place; state = ""; next }
    /^(Results File|Total tests|  (Passed|Failed|Skipped) [^ ]|Test Run)/ { state = "" }
  ' "$1"
}

passed=0 failed=0 skipped=0
for log in "$results"/*.log; do
  name=$(basename "$log" .log)
  [ "$name" != publish-wine ] || continue
  trx="$results/$name/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "===== $name: no results (the test run did not finish)"
    cat "$log"
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get executed)
  took=$(sed -n 's/^ *Total time: \([0-9.]*\) \(.*\)$/\1 \2/p' "$log" | tail -n 1)
  echo "===== $name: ${p:-0} passed, $((${f:-0} + ${e:-0})) failed, $((${t:-0} - ${x:-0})) skipped (${took:-?})"
  report "$log"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

if [ "$publish_failed" = 1 ]; then
  echo "===== win-x64 publish for the Wine tests failed (they were skipped):"
  tail -n 20 "$results/publish-wine.log"
  failed=$((failed + 1))
fi

# `dotnet test` itself leaves two empty XXXXXX folders per run: not counted.
left=$(find "$test_tmp" -mindepth 1 -maxdepth 1 ! \( -type d -empty \) -printf '%f ')
if [ -n "$left" ]; then
  echo "===== left in the tests' temp folder (now removed): ${left:0:300}"
fi

echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit "$status"
