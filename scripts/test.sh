#!/usr/bin/env bash
# Builds once, publishes the win-x64 programs the Wine tests run (only when Wine is installed),
# runs every test project (in parallel; tests inside a project run in parallel too), prints each
# failed test with its message and place and the slowest tests, and ends with one line:
# "Tests: N passed, N failed, N skipped".
# Each test project is run as the xunit v3 program it builds, not through `dotnet test`: vstest
# and MSBuild cost about 7 s of CPU per project before a test starts (56 s of a 2-core machine).
# Extra arguments go to each test program (xunit v3 options, e.g. -class "*Lab*" or -method "*Lab*").
# `bash scripts/test.sh --publish-wine` only publishes, into artifacts/test-wine/ (then
# `export PORTDOCTOR_TEST_WINE=$PWD/artifacts/test-wine` lets `dotnet test` run the Wine tests).
# Everything runs with its own TMPDIR, removed at the end (even on failure or Ctrl+C); what the
# tests left in theirs is listed.
# With PORTDOCTOR_TEST_CLI=/path/to/portdoctor set (e.g. the NativeAOT publish), the CLI tests that
# start portdoctor as a real process start that binary instead of this build's apphost.
# With PORTDOCTOR_TEST_RESULTS=DIR set, each test program's log and trx (DIR/NAME.log,
# DIR/NAME/NAME.trx), its seconds and CPU seconds (DIR/NAME.seconds) and the build's side logs
# (publish-wine.log, wine-prefix.log) are copied into DIR at the end, pass or fail.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
wine_out=$root/artifacts/test-wine

# One warm compiler server for every project of the build and of the Wine publish, instead of a
# new csc (its JIT and analyzers) per project: a full build took 157 s of CPU against 237 s (all
# its processes, load 11-22). Stopped once the build and the publish are done (it finishes a
# compilation in progress first), so nothing stays running; the environment may say
# UseSharedCompilation=false, hence the explicit property.
compile=(-p:UseSharedCompilation=true)
stop_compiler_server() { dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1; }

# Self-contained win-x64 (NativeAOT does not cross-compile to Windows), after the build and in its
# obj/bin: the libraries are the build's (RID-agnostic), only the two programs compile for win-x64
# (32 s the first time, 7 s incremental, against 192-222 s of CPU in an artifacts folder of its own).
# Every restore of a run names the same runtimes (`rids`, the build's too) and the CLI publish does
# not restore at all: a restore that differs rewrites nuget.g.props, and then the build and the
# publish each compiled the CLI again on every run. With "restored" the build has just restored.
rids=(-p:RuntimeIdentifiers=win-x64)
publish_wine() {
  local restored=${1:-} project name how
  for pair in "tests/wine/PortDoctor.WineSmoke/PortDoctor.WineSmoke.csproj smoke" \
              "src/PortDoctor.Cli/PortDoctor.Cli.csproj cli"; do
    read -r project name <<<"$pair"
    how=("${rids[@]}") # PortDoctor.WineSmoke is not in the solution: the build does not restore it
    if [ "$name" = cli ] && [ "$restored" = restored ]; then how=(--no-restore); fi
    if ! dotnet publish "$project" -c Release -r win-x64 --self-contained -p:PublishAot=false "${compile[@]}" "${how[@]}" \
      -o "$wine_out/$name" -nologo -v quiet; then
      rm -rf "${wine_out:?}/$name" # no stale program for the tests
      return 1
    fi
  done
}

# One Wine prefix booted for the run (wineboot: about 10 s of CPU and 15 s); each Wine test copies
# it (tests/Shared/WinePrefix.cs) instead of booting its own. Its wineserver is waited for, so the
# copies start from a stopped prefix.
boot_wine_prefix() {
  local loader=$1 folder=$2
  mkdir -p "$folder/tmp"
  WINEPREFIX=$folder/prefix WINEDEBUG=-all TMPDIR=$folder/tmp "$loader" wineboot -i
  local code=$?
  WINEPREFIX=$folder/prefix TMPDIR=$folder/tmp "$(dirname "$loader")/wineserver" -w
  return $code
}

if [ "${1:-}" = "--publish-wine" ]; then
  publish_wine && echo "published into $wine_out: export PORTDOCTOR_TEST_WINE=$wine_out"
  status=$?
  stop_compiler_server
  exit $status
fi

run=$(mktemp -d -t portdoctor-test.XXXXXX)
pids=() prefix_pid=
results=$run/results test_tmp=$run/tmp
keep_results() {
  if [ -n "${PORTDOCTOR_TEST_RESULTS:-}" ]; then
    mkdir -p "$PORTDOCTOR_TEST_RESULTS" && cp -r "$results/." "$PORTDOCTOR_TEST_RESULTS/"
  fi
}
trap 'stop_compiler_server; keep_results; rm -rf "$run"' EXIT
trap 'kill "${pids[@]}" $prefix_pid 2>/dev/null; exit 130' INT TERM
mkdir -p "$results" "$test_tmp" "$run/build-tmp"
# Like /tmp: tests run the CLI as nobody on files in their temp folders.
chmod 755 "$run" && chmod 1777 "$test_tmp"
export TMPDIR=$run/build-tmp

# The Wine prefix boots beside the build (its own folder, mostly waiting on the other core); the
# win-x64 publish follows the build (it reuses the build's outputs). The loader is the one
# tests/Shared/Wine.cs finds. Without Wine the build restores no Windows runtime.
wine_loader=
for candidate in /usr/lib/wine/wine64 /usr/bin/wine64 /usr/bin/wine; do
  if [ -x "$candidate" ]; then wine_loader=$candidate && break; fi
done
if [ -n "$wine_loader" ]; then
  boot_wine_prefix "$wine_loader" "$run/wine" >"$results/wine-prefix.log" 2>&1 &
  prefix_pid=$!
else
  rids=()
fi

if ! dotnet build PortDoctor.slnx -c Release -nologo -v quiet "${compile[@]}" "${rids[@]}"; then
  [ -z "$prefix_pid" ] || wait "$prefix_pid"
  echo "Tests: 0 passed, 1 failed, 0 skipped"
  echo "the build failed" >&2
  exit 1
fi

# One test program, from its output folder as `dotnet test` runs it; the seconds it took and its CPU
# seconds (with every process it waited for; not daemons such as wineserver) go beside its log.
# SIGTERM (the trap above) reaches the program too.
run_tests() {
  local name=$1 bin=$2 start=$SECONDS child code
  shift 2
  mkdir -p "$results/$name"
  (cd "$bin" && TMPDIR=$test_tmp exec "./$name" -noLogo -noColor -trx "$results/$name/$name.trx" "$@") >"$results/$name.log" 2>&1 &
  child=$!
  trap 'kill "$child" 2>/dev/null' TERM
  wait "$child"
  code=$?
  times >"$results/$name.times" # the builtin, in this shell: its second line is the children's user and system time
  echo "$((SECONDS - start)) $(awk 'NR == 2 { split($1 $2, t, /[ms]/); printf "%.0f", t[1] * 60 + t[2] + t[3] * 60 + t[4] }' "$results/$name.times")" >"$results/$name.seconds"
  return "$code"
}

# The publish before any test program: beside the 6 projects without Wine tests (started first in
# one run) it took 110 s instead of 26 s on a loaded machine, and the CLI tests, the longest
# project, waited for it. The Wine tests then start first in their projects (tests/Shared/SlowFirst).
status=0
publish_failed=0
if [ -n "$wine_loader" ]; then
  if publish_wine restored >"$results/publish-wine.log" 2>&1; then
    export PORTDOCTOR_TEST_WINE=$wine_out
  else
    publish_failed=1
  fi
  # Without the booted prefix the Wine tests still run, each booting its own.
  if wait "$prefix_pid"; then
    export PORTDOCTOR_TEST_WINE_PREFIX=$run/wine/prefix
  fi
fi
stop_compiler_server
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  run_tests "$name" "$(dirname "$project")/bin/Release/net10.0" "$@" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done

# From a project's trx: each failed test, its message and the first frame in this repository's
# tests or sources; skipped tests with their reason. With "slowest": the N slowest tests of all.
report() {
  python3 - "$root/" "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
root, mode, files = sys.argv[1], sys.argv[2], sys.argv[3:]
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
def seconds(d):
    h, m, s = d.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
results = [(f, r) for f in files for r in ET.parse(f).getroot().iterfind(".//t:UnitTestResult", ns)]
if mode == "failures":
    for _, r in results:
        outcome, name = r.get("outcome"), r.get("testName")
        if outcome == "Failed":
            print("  FAILED " + name)
            message = r.findtext(".//t:ErrorInfo/t:Message", "", ns)
            for line in message.splitlines():
                if line.strip():
                    print("      " + line.strip())
            frames = [l for l in r.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).splitlines() if root in l and ":line " in l]
            if frames:
                print("      at " + frames[0].split(" in ", 1)[-1].replace(root, ""))
        elif outcome == "NotExecuted":
            reason = " ".join(r.findtext(".//t:StdOut", "", ns).split())
            print("  skipped " + name + (": " + reason if reason else ""))
else:
    count = int(mode.split(":")[1])
    ranked = sorted(((seconds(r.get("duration", "0:0:0")), r.get("testName")) for _, r in results), reverse=True)
    for took, name in ranked[:count]:
        print(f"  {took:6.1f} s  {name}")
PY
}

passed=0 failed=0 skipped=0
for log in "$results"/*.log; do
  name=$(basename "$log" .log)
  case $name in publish-wine | wine-prefix) continue ;; esac
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
  took= cpu=
  read -r took cpu 2>/dev/null <"$results/$name.seconds"
  echo "===== $name: ${p:-0} passed, $((${f:-0} + ${e:-0})) failed, $((${t:-0} - ${x:-0})) skipped (${took:-?} s, ${cpu:-?} s CPU)"
  report failures "$trx"
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

# The long poles: what to look at when the suite gets slow (issue 10: about 5 minutes on 2 cores).
trxs=("$results"/*/*.trx)
if [ -f "${trxs[0]}" ]; then
  echo "===== slowest tests (each runs beside others, so these are wall times under load):"
  report slowest:8 "${trxs[@]}"
fi

echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit "$status"
