#!/usr/bin/env bash
# Runs the evidence-parser fuzzer for as long as asked (default 300 s). A crash stops it and
# prints the seed and where the failing input was saved (/tmp/portdoctor-fuzz/).
# Usage: scripts/fuzz.sh [seconds] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export PORTDOCTOR_FUZZ_SECONDS="${1:-300}"
[ -n "${2:-}" ] && export PORTDOCTOR_FUZZ_SEED="$2"
dotnet build tests/PortDoctor.Evidence.Tests -c Release -nologo -v quiet
dotnet test tests/PortDoctor.Evidence.Tests -c Release --no-build --filter "FullyQualifiedName~FuzzTests" \
  --logger "console;verbosity=detailed" | grep -E "fuzz:|Passed|Failed|seed|Error" || true
