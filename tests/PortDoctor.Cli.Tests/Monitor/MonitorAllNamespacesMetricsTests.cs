using System.Globalization;
using PortDoctor.Cli.Tests.Metrics;
using PortDoctor.Cli.Tests.Namespaces;
using PortDoctor.Cli.Tests.Ranges;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// `monitor --all-netns --metrics`: one set of series per namespace. A class of its own so that it
/// runs beside <see cref="MonitorAllNamespacesTests"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(SlowFirst.Prefix + "monitor --all-netns --metrics")]
public sealed class MonitorAllNamespacesMetricsTests : MonitorAllNamespacesTest
{
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
        // Only the 10 fullest namespaces are exported, ties by name: other tests' namespaces, idle too and named
        // before "pdw-", outranked these two in a full CI run. One connection each puts them above the idle ones.
        var held = new[] { HostPortDoctor.StartPython(narrow, HoldOne), HostPortDoctor.StartPython(wide, HoldOne) };
        try
        {
            await ScrapeBoth(narrow, wide);
        }
        finally
        {
            Array.ForEach(held, HostPortDoctor.Stop);
        }
    }

    /// <summary>One loopback connection held open (its client end takes a port of the range); prints its pid.</summary>
    private const string HoldOne = """
        import os, socket, time
        srv = socket.socket(); srv.bind(('127.0.0.1', 9)); srv.listen(1)
        client = socket.create_connection(('127.0.0.1', 9)); peer = srv.accept()[0]
        print(os.getpid(), flush=True)
        time.sleep(600)
        """;

    private async Task ScrapeBoth(NetworkNamespace narrow, NetworkNamespace wide)
    {
        var port = MetricsScrapeTests.FreePort().ToString(CultureInfo.InvariantCulture);

        // Scraped once the monitor has printed a sample of both namespaces (and the exporter shows them), then
        // stopped with SIGTERM: no fixed --duration to run out on a loaded machine (300 s is only the upper bound).
        using var monitor = new StreamedMonitor(BuiltCli.Path, "monitor", "--all-netns", "--interval", "1s", "--duration", "300s", "--db", Db, "--format", "json", "--metrics", port);
        string Ok(string netns) => $"portdoctor_samples_total{{netns=\"{netns}\",result=\"ok\"}} ";
        Assert.True(
            monitor.ReadUntil(l => Lines(l, narrow.Name).Count > 0 && Lines(l, wide.Name).Count > 0, TimeSpan.FromSeconds(120)),
            "both namespaces were not sampled within 120 s");
        var text = await MetricsScrapeTests.ScrapeAfterFirstSample(int.Parse(port, CultureInfo.InvariantCulture), t => t.Contains(Ok(narrow.Name), StringComparison.Ordinal) && t.Contains(Ok(wide.Name), StringComparison.Ordinal), seconds: 60);
        var (code, error) = monitor.Stop();

        Assert.True(code == 0, error);
        Assert.Contains($"portdoctor_ephemeral_ports_capacity{{netns=\"{narrow.Name}\",protocol=\"tcp\",family=\"any\",scope=\"shared\"}} 100", text, StringComparison.Ordinal);
        Assert.Contains($"portdoctor_ephemeral_ports_capacity{{netns=\"{wide.Name}\",protocol=\"tcp\",family=\"any\",scope=\"shared\"}} 10000", text, StringComparison.Ordinal);
        Assert.Contains($"portdoctor_host_info{{netns=\"{narrow.Name}\",hostname=", text, StringComparison.Ordinal);
        var series = text.Split('\n').Where(l => l.StartsWith("portdoctor_", StringComparison.Ordinal)).ToList();
        Assert.All(series.Where(l => !l.StartsWith("portdoctor_build_info", StringComparison.Ordinal) && !l.StartsWith("portdoctor_netns_unexported", StringComparison.Ordinal)), l => Assert.Contains("netns=\"", l, StringComparison.Ordinal));
        var (lint, output) = Promtool.Run(text, Path.GetTempPath(), "check", "metrics");
        Assert.True(lint == 0, $"promtool check metrics:\n{output}\n---\n{text}");
    }
}

