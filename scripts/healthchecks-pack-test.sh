#!/usr/bin/env bash
# The PortDoctor.HealthChecks package, end to end (CI runs this from .ci/run): `dotnet pack` it, check that
# PortDoctor's own assemblies ship inside it (no dependency on unpublished PortDoctor.* packages), then build and
# run a fresh consumer app that restores it from that local folder only (other packages from the usual source),
# registers AddEphemeralPorts() and gets a judged result on this machine. One temp dir, removed at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/portdoctor-hc-pack-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "healthchecks-pack-test: FAILED: $*" >&2; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/PortDoctor.HealthChecks/PortDoctor.HealthChecks.csproj")
echo "healthchecks-pack-test: packing PortDoctor.HealthChecks $version..." >&2
dotnet pack "$root/src/PortDoctor.HealthChecks/PortDoctor.HealthChecks.csproj" -c Release -o "$tmp/feed" -nologo -v quiet >&2
nupkg="$tmp/feed/PortDoctor.HealthChecks.$version.nupkg"
[ -f "$nupkg" ] || fail "no $nupkg"
# python3 reads the zip (unzip is not on every machine).
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$nupkg")
for file in README.md lib/net10.0/PortDoctor.HealthChecks.dll lib/net10.0/PortDoctor.Core.dll \
            lib/net10.0/PortDoctor.Evidence.dll lib/net10.0/PortDoctor.Platform.dll; do
  grep -qx "$file" <<<"$listing" || fail "$file is not in the package"
done
nuspec=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("PortDoctor.HealthChecks.nuspec").decode())' "$nupkg")
if grep -q 'dependency id="PortDoctor\.' <<<"$nuspec"; then
  fail "the package depends on an unpublished PortDoctor.* package"
fi

# The consumer restores into its own package folder (a stale copy of this version in the global cache cannot
# stand in for the new one); the global cache is only a fallback for the other packages.
mkdir -p "$tmp/consumer"
cat >"$tmp/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$tmp/feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
  </fallbackPackageFolders>
</configuration>
XML
cat >"$tmp/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <NoWarn>\$(NoWarn);ASP0000</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PortDoctor.HealthChecks" Version="$version" />
  </ItemGroup>
</Project>
XML
cat >"$tmp/consumer/Program.cs" <<'CS'
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.HealthChecks;

var services = new ServiceCollection();
services.AddLogging().AddHealthChecks().AddEphemeralPorts(o => o.OwnerScope = OwnerScope.Self, tags: ["ready"]);
await using var provider = services.BuildServiceProvider();
var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
var entry = report.Entries["ephemeral-ports"];
Console.WriteLine($"status {entry.Status}: {entry.Description}");
Console.WriteLine(entry.Data.TryGetValue(EphemeralPortsData.UtilizationPercent, out var percent) ? $"utilization {percent}" : "no utilization");
CS
out=$(NUGET_PACKAGES="$tmp/packages" dotnet run --project "$tmp/consumer/Consumer.csproj" -c Release 2>&1) \
  || fail "the consumer app did not build or run: $out"
grep -q '^utilization [0-9]' <<<"$out" || fail "the consumer got no judged result: $out"
echo "healthchecks-pack-test: passed ($(grep '^status ' <<<"$out"))"
