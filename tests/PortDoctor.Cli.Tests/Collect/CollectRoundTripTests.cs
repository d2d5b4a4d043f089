using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using PortDoctor.Cli.Tests.Trace;
using Xunit;

namespace PortDoctor.Cli.Tests.Collect;

/// <summary>
/// collect in a namespace out of ports, then diagnose --from the bundle elsewhere: the same verdict
/// and culprit as diagnose live inside the namespace, masked or not; the manifest's hashes are the entries'.
/// </summary>
[Collection(TraceCollection.Name)]
public sealed class CollectRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pd-collect-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Diagnose_from_the_bundle_gives_the_live_verdict_and_culprit(bool mask)
    {
        SkipUnlessRoot();
        using var workload = ExhaustedWorkload.Start(connects: 0, binds: 0);
        var bundle = Path.Combine(_folder, $"bundle-{mask}.zip");

        var live = InNamespace(workload, "diagnose", "--format", "json");
        var collect = InNamespace(workload, ["collect", "--out", bundle, .. mask ? new[] { "--mask" } : []]);
        var offline = LabProcess.Run("diagnose", "--from", bundle, "--format", "json");

        Assert.True(collect.Code == 0, collect.Error);
        Assert.Equal(2, live.Code);
        Assert.Equal(2, offline.Code);
        using var liveJson = JsonDocument.Parse(live.Out);
        using var offlineJson = JsonDocument.Parse(offline.Out);
        Assert.Equal("exhausted", offlineJson.RootElement.GetProperty("verdict").GetString());
        var liveCulprit = liveJson.RootElement.GetProperty("culprits")[0];
        var offlineCulprit = offlineJson.RootElement.GetProperty("culprits")[0];
        Assert.Equal(workload.Pid, liveCulprit.GetProperty("pid").GetInt32());
        Assert.Equal(
            (liveCulprit.GetProperty("pid").GetInt32(), liveCulprit.GetProperty("pattern").GetString(), liveCulprit.GetProperty("ports").GetInt32()),
            (offlineCulprit.GetProperty("pid").GetInt32(), offlineCulprit.GetProperty("pattern").GetString(), offlineCulprit.GetProperty("ports").GetInt32()));
        Assert.Equal(mask, File.Exists(bundle + ".mask-map.json"));
    }

    [Fact]
    public void The_manifest_lists_every_item_with_the_sha256_of_its_entry()
    {
        SkipUnlessRoot();
        var bundle = Path.Combine(_folder, "hashes.zip");

        var (code, _, error) = LabProcess.Run("collect", "--out", bundle);

        Assert.True(code == 0, error);
        using var zip = ZipFile.OpenRead(bundle);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var items = manifest.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("name").GetString() == "ss-tanpi.txt");
        var captured = items.Where(i => i.GetProperty("skipped").ValueKind == JsonValueKind.Null).ToList();
        foreach (var item in captured)
        {
            using var entry = zip.GetEntry(item.GetProperty("name").GetString()!)!.Open();
            Assert.Equal(item.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(entry)));
        }

        Assert.Equal(captured.Count + 1, zip.Entries.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Error) InNamespace(ExhaustedWorkload workload, params string[] args) =>
        workload.Namespace.Exec(["env", $"XDG_DATA_HOME={TraceProcess.StateDirectory}", LabProcess.Binary, .. args]);

    private static void SkipUnlessRoot()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
