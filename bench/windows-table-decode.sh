#!/usr/bin/env bash
# Decoding cost of full iphlpapi TCP tables (pure code, so it runs on Linux); figures go to
# docs/benchmarks.md, section "Windows socket table decoding".
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/WindowsTableDecode -c Release --artifacts-path "${TMPDIR:-/tmp}/pdw-bench-artifacts"
