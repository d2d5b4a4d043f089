using System.IO.Compression;
using System.Text.Json;
using PortDoctor.Platform.Bundle;
using Xunit;

namespace PortDoctor.Cli.Tests.Collect;

/// <summary>collect in process against a fake host: manifest entries, skipped items, the mask and its map.</summary>
public sealed class CollectCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pd-collect-cmd-").FullName;

    private FakeHost Host => new()
    {
        StateDirectory = Path.Combine(_folder, "state"),
        Probes = _ => [],
        Items =
        [
            new EvidenceItem("sysctl-ports.txt") { Produce = () => "net.ipv4.ip_local_port_range = 40000\t40005\n", Description = "port sysctls" },
            new EvidenceItem("missing.txt") { Command = ["portdoctor-no-such-tool-x"] },
            new EvidenceItem("admin.txt") { Command = ["true"], SkipReason = "needs admin" },
            new EvidenceItem("ss-tanpi.txt") { Produce = () => "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nESTAB 0 0 10.0.0.5:40001 10.0.0.7:5432 users:((\"app\",pid=20,fd=3))\n" },
        ],
    };

    [Fact]
    public void The_manifest_records_each_item_and_why_one_was_skipped()
    {
        var bundle = Path.Combine(_folder, "b.zip");

        var (code, output, error) = CliRunner.Run(e => e with { Host = Host }, "collect", "--out", bundle);

        Assert.True(code == 0, error);
        Assert.StartsWith($"{bundle}: 4 items, 3 skipped", output, StringComparison.Ordinal);
        Assert.Contains("portdoctor: note: missing.txt skipped: command missing: portdoctor-no-such-tool-x", error, StringComparison.Ordinal);
        Assert.Contains("portdoctor: note: admin.txt skipped: needs admin", error, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(bundle);
        Assert.Equal(["portdoctor-connections.json", "portdoctor-diagnose.json", "sysctl-ports.txt", "ss-tanpi.txt", "manifest.json"], zip.Entries.Select(e => e.Name));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var sysctl = manifest.RootElement.GetProperty("items")[2];
        Assert.Equal(("port sysctls", 43), (sysctl.GetProperty("command").GetString(), sysctl.GetProperty("size").GetInt32()));
        // diagnose's exit code is its verdict: the fake host's sample is at risk (1).
        Assert.Equal(1, manifest.RootElement.GetProperty("items")[1].GetProperty("exitCode").GetInt32());
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Mask_replaces_addresses_consistently_and_keeps_the_map_outside_the_zip()
    {
        var bundle = Path.Combine(_folder, "m.zip");

        var (code, output, _) = CliRunner.Run(e => e with { Host = Host }, "collect", "--out", bundle, "--mask");

        Assert.Equal(0, code);
        Assert.Contains($"mask map (keep it, do not send it): {bundle}.mask-map.json", output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(bundle);
        var everything = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.DoesNotContain("10.0.0.5", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.7", everything, StringComparison.Ordinal);
        using var map = JsonDocument.Parse(File.ReadAllText(bundle + ".mask-map.json"));
        var standIn = map.RootElement.GetProperty("10.0.0.7").GetString()!;
        Assert.Contains($"{standIn}:5432", new StreamReader(zip.GetEntry("ss-tanpi.txt")!.Open()).ReadToEnd(), StringComparison.Ordinal);
        Assert.Contains($"\"{standIn}\"", new StreamReader(zip.GetEntry("portdoctor-connections.json")!.Open()).ReadToEnd(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bundle + ".mask-map.json"));
        }
    }

    [Fact]
    public void An_out_path_in_a_missing_folder_is_one_usage_line()
    {
        var (code, _, error) = CliRunner.Run(e => e with { Host = Host }, "collect", "--out", Path.Combine(_folder, "nope", "b.zip"));

        Assert.Equal(64, code);
        Assert.StartsWith("portdoctor: --out ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
