using System.Diagnostics;
using System.Text.Json;
using PortDoctor.Cli.Tests.Namespaces;
using PortDoctor.Cli.Tests.Ranges;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>`monitor --all-netns`: the built binary samples namespaces made by the test, each labelled, into one history.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(SlowFirst.Prefix + "monitor --all-netns")]
public sealed class MonitorAllNamespacesTests : MonitorAllNamespacesTest
{
    [Fact]
    public void Every_namespace_is_sampled_with_its_label_and_history_returns_them()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        var (narrow, wide) = NarrowAndWide();
        using var narrowNs = narrow;
        using var wideNs = wide;

        // Two passes over every namespace of the host, however long a pass takes on a loaded machine
        // (other tests make theirs), then SIGTERM; at most one pass a second.
        List<JsonElement> lines;
        using (var monitor = new StreamedMonitor(BuiltCli.Path, "monitor", "--all-netns", "--interval", "1s", "--duration", "300s", "--db", Db, "--format", "json"))
        {
            Assert.True(
                monitor.ReadUntil(l => Lines(l, narrow.Name).Count >= 2 && Lines(l, wide.Name).Count >= 2, TimeSpan.FromSeconds(120)),
                $"not two samples of each namespace within 120 s: {monitor.Lines.Count} lines");
            var (code, error) = monitor.Stop();
            Assert.True(code == 0, error);
            lines = [.. monitor.Lines];
            var most = (int)monitor.Ran.TotalSeconds + 1;
            Assert.InRange(Lines(lines, narrow.Name).Count, 2, most);
            Assert.InRange(Lines(lines, wide.Name).Count, 2, most);
        }

        Assert.All(Lines(lines, narrow.Name), l => Assert.Equal(100, l.GetProperty("capacity").GetInt32()));
        Assert.All(Lines(lines, wide.Name), l => Assert.Equal(10_000, l.GetProperty("capacity").GetInt32()));

        var history = HostPortDoctor.Run("history", "--db", Db, "--format", "json");
        Assert.True(history.Code == 0, history.Error);
        using var json = JsonDocument.Parse(history.Out);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Lines(lines, narrow.Name).Count, Lines(items, narrow.Name).Count);
        Assert.All(Lines(items, narrow.Name), i => Assert.Equal(100, i.GetProperty("capacity").GetInt32()));
        Assert.All(Lines(items, wide.Name), i => Assert.Equal(10_000, i.GetProperty("capacity").GetInt32()));

        var table = HostPortDoctor.Run("history", "--db", Db, "--format", "csv");
        Assert.StartsWith("namespace,time,pool", table.Out, StringComparison.Ordinal);
        Assert.Contains(narrow.Name + ",", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_made_later_is_picked_up_and_one_deleted_is_a_note()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        using var stays = NetworkNamespace.Create();
        var goes = NetworkNamespace.Create();
        NetworkNamespace? later = null;
        Directory.CreateDirectory(Folder);

        // The monitor runs until the test has seen a listing after the change, then gets SIGTERM: a fixed
        // duration on the real clock left too few listings on a loaded machine.
        using var monitor = new StreamedMonitor(BuiltCli.Path, "monitor", "--all-netns", "--interval", "1s", "--duration", "300s", "--db", Db, "--format", "json");
        try
        {
            Assert.True(monitor.ReadUntil(l => Lines(l, goes.Name).Count > 0, TimeSpan.FromSeconds(120)), "the namespace to delete was not sampled within 120 s");
            var before = monitor.Lines.Count;
            var inode = HostPortDoctor.Inode($"/run/netns/{goes.Name}");
            goes.Dispose();
            later = NetworkNamespace.Create();

            // The kernel gives a deleted namespace's inode number to the next one made once its cleanup ran
            // (about a second): a new namespace on the old inode is the case to get right, so wait for it a little.
            for (var i = 0; i < 12 && HostPortDoctor.Inode($"/run/netns/{later.Name}") != inode; i++)
            {
                later.Dispose();
                Thread.Sleep(250);
                later = NetworkNamespace.Create();
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"the new namespace {(HostPortDoctor.Inode($"/run/netns/{later.Name}") == inode ? "took" : "did not take")} the deleted one's inode {inode}");
            var laterName = later.Name;
            Assert.True(
                monitor.ReadUntil(l => Lines(l.Skip(before), laterName).Count > 1 && Lines(l.Skip(before), stays.Name).Count > 0, TimeSpan.FromSeconds(120)),
                "not two passes with the new namespace within 120 s"); // the gone note ends the first pass that lists it
            var (code, error) = monitor.Stop();
            var after = monitor.Lines.Skip(before).ToList();

            Assert.Equal(0, code);
            Assert.Contains($"portdoctor: note: network namespace {goes.Name} is gone", error, StringComparison.Ordinal);
            Assert.Empty(Lines(after, goes.Name));
            Assert.NotEmpty(Lines(after, later.Name));
            Assert.NotEmpty(Lines(after, stays.Name));
        }
        finally
        {
            goes.Dispose();
            later?.Dispose();
        }
    }

    [Theory]
    [InlineData("--netns", "x")]
    [InlineData("--pid", "1")]
    public void All_netns_with_one_namespace_is_a_usage_error(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("monitor", "--all-netns", option, value, "--duration", "1s", "--db", Path.Combine(Folder, "never.db"));

        Assert.Equal(64, code);
        Assert.Contains("--all-netns", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Folder, "never.db")));
    }

    /// <summary>Two namespaces told apart by their range: 100 ports and 10,000.</summary>
}
