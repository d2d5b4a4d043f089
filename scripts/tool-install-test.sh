#!/usr/bin/env bash
# The .NET tool package, end to end (CI runs this from .ci/run): `dotnet pack` the CLI, install the
# nupkg with `dotnet tool install --tool-path` from that folder only, run `portdoctor version` and
# `portdoctor range show` from the installed tool. Everything lives in one temp dir, removed at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/portdoctor-tool-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/PortDoctor.Cli/PortDoctor.Cli.csproj")
echo "tool-install-test: packing PortDoctor $version..." >&2
dotnet pack "$root/src/PortDoctor.Cli/PortDoctor.Cli.csproj" -c Release -o "$tmp/nupkg" -nologo -v quiet >&2
dotnet tool install --tool-path "$tmp/tools" --add-source "$tmp/nupkg" --ignore-failed-sources PortDoctor --version "$version" >&2

out=$("$tmp/tools/portdoctor" version)
case "$out" in
  "portdoctor $version"*) ;;
  *) echo "tool-install-test: FAILED: 'portdoctor version' printed '$out', expected 'portdoctor $version...'" >&2; exit 1 ;;
esac
if ! "$tmp/tools/portdoctor" range show --format json | grep -q '"ranges"'; then
  echo "tool-install-test: FAILED: 'portdoctor range show' from the installed tool gave no ranges" >&2
  exit 1
fi
echo "tool-install-test: passed ($out)"
