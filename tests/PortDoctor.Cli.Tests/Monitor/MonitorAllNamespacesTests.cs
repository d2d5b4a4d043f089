using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Metrics;
using PortDoctor.Cli.Tests.Namespaces;
using PortDoctor.Cli.Tests.Ranges;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>`monitor --all-netns`: the built binary samples namespaces made by the test, each labelled, into one history.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MonitorAllNamespacesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-monitor-allns-" + Guid.NewGuid().ToString("N")[..8]);

    private string Db => Path.Combine(_folder, "history.db");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

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
        Directory.CreateDirectory(_folder);

        // 20 s: room for a slow first sample (start-up on a loaded machine) and two more listings after the change.
        using var monitor = Process.Start(new ProcessStartInfo("dotnet", [typeof(CliApp).Assembly.Location, "monitor", "--all-netns", "--interval", "1s", "--duration", "20s", "--db", Db, "--format", "json"])
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

    [Fact]
    public async Task Metrics_carry_one_set_per_namespace_labelled_netns_that_promtool_accepts()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        var (narrow, wide) = NarrowAndWide();
        using var narrowNs = narrow;
        using var wideNs = wide;
        var port = MetricsScrapeTests.FreePort().ToString(CultureInfo.InvariantCulture);

        // 40 s: a sample takes over a second on a loaded machine, and every namespace of the host is sampled each interval.
        var run = Task.Run(() => HostPortDoctor.Run("monitor", "--all-netns", "--interval", "1s", "--duration", "40s", "--quiet", "--db", Db, "--metrics", port), TestContext.Current.CancellationToken);
        string Ok(string netns) => $"portdoctor_samples_total{{netns=\"{netns}\",result=\"ok\"}} ";
        var text = await MetricsScrapeTests.ScrapeAfterFirstSample(int.Parse(port, CultureInfo.InvariantCulture), t => t.Contains(Ok(narrow.Name), StringComparison.Ordinal) && t.Contains(Ok(wide.Name), StringComparison.Ordinal), seconds: 40);
        var monitor = await run;

        Assert.True(monitor.Code == 0, monitor.Error);
        Assert.Contains($"portdoctor_ephemeral_ports_capacity{{netns=\"{narrow.Name}\",protocol=\"tcp\",family=\"any\",scope=\"shared\"}} 100", text, StringComparison.Ordinal);
        Assert.Contains($"portdoctor_ephemeral_ports_capacity{{netns=\"{wide.Name}\",protocol=\"tcp\",family=\"any\",scope=\"shared\"}} 10000", text, StringComparison.Ordinal);
        Assert.Contains($"portdoctor_host_info{{netns=\"{narrow.Name}\",hostname=", text, StringComparison.Ordinal);
        var series = text.Split('\n').Where(l => l.StartsWith("portdoctor_", StringComparison.Ordinal)).ToList();
        Assert.All(series.Where(l => !l.StartsWith("portdoctor_build_info", StringComparison.Ordinal) && !l.StartsWith("portdoctor_netns_unexported", StringComparison.Ordinal)), l => Assert.Contains("netns=\"", l, StringComparison.Ordinal));
        var (lint, output) = Promtool.Run(text, Path.GetTempPath(), "check", "metrics");
        Assert.True(lint == 0, $"promtool check metrics:\n{output}\n---\n{text}");
    }

    [Theory]
    [InlineData("--netns", "x")]
    [InlineData("--pid", "1")]
    public void All_netns_with_one_namespace_is_a_usage_error(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("monitor", "--all-netns", option, value, "--duration", "1s", "--db", Path.Combine(_folder, "never.db"));

        Assert.Equal(64, code);
        Assert.Contains("--all-netns", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "never.db")));
    }

    /// <summary>Two namespaces told apart by their range: 100 ports and 10,000.</summary>
    private (NetworkNamespace Narrow, NetworkNamespace Wide) NarrowAndWide()
    {
        var narrow = NetworkNamespace.Create();
        var wide = NetworkNamespace.Create();
        narrow.WriteSysctl("net.ipv4.ip_local_port_range", "40000 40099");
        wide.WriteSysctl("net.ipv4.ip_local_port_range", "30000 39999");
        Directory.CreateDirectory(_folder);
        return (narrow, wide);
    }

    private static List<JsonElement> Lines(IEnumerable<JsonElement> lines, string name) =>
        lines.Where(l => l.TryGetProperty("namespace", out var ns) && ns.GetString() == name).ToList();
}
