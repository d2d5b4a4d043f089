#!/usr/bin/env bash
# Release archives: the NativeAOT binary for this OS (NativeAOT does not cross-compile: linux-x64 on
# Linux, win-x64 when run on Windows under Git Bash/MSYS), packed with README, LICENSE if any and
# the SQLite library it loads, plus a SHA-256 file. Usage: scripts/publish.sh [OUTDIR] (default artifacts/release)
#   -> OUTDIR/portdoctor-VERSION-linux-x64.tar.gz (win-x64: .zip) and OUTDIR/SHA256SUMS
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
outdir=${1:-$root/artifacts/release}
case "$(uname -s)" in
  Linux) rid=linux-x64 ;;
  MINGW* | MSYS* | CYGWIN*) rid=win-x64 ;;
  *) echo "publish.sh: NativeAOT builds here only for linux-x64 (on Linux) and win-x64 (on Windows)" >&2; exit 69 ;;
esac
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/PortDoctor.Cli/PortDoctor.Cli.csproj")
name="portdoctor-$version-$rid"
stage=$(mktemp -d "${TMPDIR:-/tmp}/portdoctor-publish-XXXXXX")
trap 'rm -rf "$stage"' EXIT

echo "publish.sh: NativeAOT publish for $rid (1 to 5 minutes)..." >&2
dotnet publish "$root/src/PortDoctor.Cli/PortDoctor.Cli.csproj" -c Release -r "$rid" -o "$stage/bin" -nologo -v quiet >&2
mkdir -p "$stage/$name" "$outdir"
# The binary and the native SQLite it loads (history, monitor); no .pdb/.dbg symbols.
find "$stage/bin" -maxdepth 1 -type f ! -name '*.pdb' ! -name '*.dbg' -exec cp {} "$stage/$name/" \;
cp "$root/README.md" "$stage/$name/"
[ -f "$root/LICENSE" ] && cp "$root/LICENSE" "$stage/$name/"

if [ "$rid" = linux-x64 ]; then
  archive="$name.tar.gz"
  tar -C "$stage" -czf "$outdir/$archive" "$name"
else
  archive="$name.zip"
  (cd "$stage" && powershell.exe -NoProfile -Command "Compress-Archive -Path '$name' -DestinationPath '$archive' -Force")
  mv "$stage/$archive" "$outdir/"
fi

# One line per archive, as `sha256sum -c SHA256SUMS` reads it; an older line for the same archive is replaced.
(cd "$outdir" && { grep -v "  $archive\$" SHA256SUMS 2>/dev/null || true; sha256sum "$archive"; } >SHA256SUMS.new && mv SHA256SUMS.new SHA256SUMS)
echo "$outdir/$archive"
echo "$outdir/SHA256SUMS"
