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

        // 6 s at 1 s: a pass over every namespace of a loaded host (other tests make theirs) can take
        // over a second, so at least 2 passes, at most one per second.
        var monitor = HostPortDoctor.Run("monitor", "--all-netns", "--interval", "1s", "--duration", "6s", "--db", Db, "--format", "json");

        Assert.True(monitor.Code == 0, monitor.Error);
        var lines = monitor.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.InRange(Lines(lines, narrow.Name).Count, 2, 7);
        Assert.InRange(Lines(lines, wide.Name).Count, 2, 7);
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
    public async Task A_namespace_made_later_is_picked_up_and_one_deleted_is_a_note()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        using var stays = NetworkNamespace.Create();
        var goes = NetworkNamespace.Create();
        NetworkNamespace? later = null;
        Directory.CreateDirectory(Folder);

        // 20 s: room for a slow first sample (start-up on a loaded machine) and two more listings after the change.
        using var monitor = Process.Start(new ProcessStartInfo(BuiltCli.Path, ["monitor", "--all-netns", "--interval", "1s", "--duration", "20s", "--db", Db, "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            var error = monitor.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var before = new List<JsonElement>();
            while (monitor.StandardOutput.ReadLine() is { } line)
            {
                before.Add(JsonDocument.Parse(line).RootElement.Clone());
                if (Lines(before, goes.Name).Count > 0)
                {
                    break;
                }
            }

            goes.Dispose();
            later = NetworkNamespace.Create();
            var after = monitor.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Assert.True(monitor.WaitForExit(30_000));

            Assert.Equal(0, monitor.ExitCode);
            Assert.Contains($"portdoctor: note: network namespace {goes.Name} is gone", await error, StringComparison.Ordinal);
            Assert.Empty(Lines(after, goes.Name));
            Assert.NotEmpty(Lines(after, later.Name));
            Assert.NotEmpty(Lines(after, stays.Name));
        }
        finally
        {
            if (!monitor.HasExited)
            {
                monitor.Kill();
                monitor.WaitForExit();
            }

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
