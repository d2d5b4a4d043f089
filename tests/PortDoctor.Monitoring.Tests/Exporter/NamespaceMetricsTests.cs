using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Monitoring.Exporter;
using Xunit;
using static PortDoctor.Monitoring.Tests.Exporter.Exposition;

namespace PortDoctor.Monitoring.Tests.Exporter;

/// <summary>`monitor --all-netns --metrics`: one set of series per namespace, labelled, the worst N only.</summary>
public sealed class NamespaceMetricsTests
{
    private const string Tcp = "protocol=\"tcp\",family=\"any\",scope=\"shared\"";

    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SampleOutcome Outcome(string netns, int portsInUse, int process = 20) => new(At, new HostSample(At, "node1")
    {
        Namespace = netns,
        Pools =
        [
            new PoolSample(TransportProtocol.Tcp, null, 1000, portsInUse)
            {
                ByState = new Dictionary<SocketState, int> { [SocketState.Established] = portsInUse },
                WorstDestinations = [new DestinationSample("10.0.0.5", new Endpoint("10.0.0.7", 5432), portsInUse)],
            },
            new PoolSample(TransportProtocol.Udp, null, 1000, 0),
        ],
        Processes = [new ProcessSample(process, At, "app", portsInUse)],
        Probe = new ProbeResult("bind 127.0.0.1:0", ProbeOutcome.Succeeded),
    }, null);

    [Fact]
    public void Each_namespace_has_its_own_series_under_a_netns_label()
    {
        using var metrics = new NamespaceMetrics("1.2.3", OsKind.Linux);
        metrics.Record("blue", Outcome("blue", 300, process: 20));
        metrics.Record("net:[4026532000]", Outcome("net:[4026532000]", 900, process: 30));

        var text = Render(metrics);

        Assert.Equal(300, Value(text, $"portdoctor_ephemeral_ports_in_use{{netns=\"blue\",{Tcp}}}"));
        Assert.Equal(0.9, Value(text, $"portdoctor_ephemeral_ports_utilization_ratio{{netns=\"net:[4026532000]\",{Tcp}}}"));
        Assert.Equal(300, Value(text, "portdoctor_process_ports{netns=\"blue\",pid=\"20\",process=\"app\"}"));
        Assert.Null(Value(text, "portdoctor_process_ports{netns=\"blue\",pid=\"30\",process=\"app\"}"));
        Assert.Equal(1, Value(text, "portdoctor_host_info{netns=\"blue\",hostname=\"node1\"}"));
        Assert.Equal(1, Value(text, "portdoctor_samples_total{netns=\"net:[4026532000]\",result=\"ok\"}"));
        Assert.Equal(0, Value(text, "portdoctor_netns_unexported"));
        Assert.Single(Series(text), l => l.StartsWith("portdoctor_build_info{", StringComparison.Ordinal));
        Assert.All(
            Series(text).Where(l => !l.StartsWith("portdoctor_build_info", StringComparison.Ordinal) && !l.StartsWith("portdoctor_netns_unexported", StringComparison.Ordinal)),
            l => Assert.StartsWith("{netns=\"", l[l.IndexOf('{', StringComparison.Ordinal)..], StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_worst_namespaces_are_exported_within_the_documented_bound()
    {
        using var metrics = new NamespaceMetrics("1.2.3", OsKind.Linux);
        var count = NamespaceMetrics.MaxNamespaces + 2;
        for (var i = 1; i <= count; i++)
        {
            metrics.Record(Name(i), Outcome(Name(i), i * 50));
        }

        var text = Render(metrics);

        Assert.True(NamespaceMetrics.MaxSeries == 912, $"the bound is {NamespaceMetrics.MaxSeries}; docs/cli.md says 912");
        Assert.InRange(Series(text).Count, 1, NamespaceMetrics.MaxSeries);
        Assert.Equal(2, Value(text, "portdoctor_netns_unexported"));
        Assert.Null(Value(text, $"portdoctor_ephemeral_ports_in_use{{netns=\"{Name(1)}\",{Tcp}}}"));
        Assert.DoesNotContain(Series(text), l => l.Contains($"netns=\"{Name(2)}\"", StringComparison.Ordinal));
        Assert.Equal(count * 50, Value(text, $"portdoctor_ephemeral_ports_in_use{{netns=\"{Name(count)}\",{Tcp}}}"));

        // The least full climbs to the top: it is exported again and the next least full leaves.
        metrics.Record(Name(1), Outcome(Name(1), 999));
        text = Render(metrics);

        Assert.Equal(999, Value(text, $"portdoctor_ephemeral_ports_in_use{{netns=\"{Name(1)}\",{Tcp}}}"));
        Assert.DoesNotContain(Series(text), l => l.Contains($"netns=\"{Name(3)}\"", StringComparison.Ordinal));
        Assert.Equal(2, Value(text, "portdoctor_netns_unexported"));
    }

    [Fact]
    public void A_forgotten_namespace_takes_its_series_with_it()
    {
        using var metrics = new NamespaceMetrics("1.2.3", OsKind.Linux);
        metrics.Record("blue", Outcome("blue", 300));
        metrics.Record("green", Outcome("green", 100));

        metrics.Forget("blue");
        var text = Render(metrics);

        Assert.DoesNotContain(Series(text), l => l.Contains("netns=\"blue\"", StringComparison.Ordinal));
        Assert.Equal(100, Value(text, $"portdoctor_ephemeral_ports_in_use{{netns=\"green\",{Tcp}}}"));
    }

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"ns{i:00}");
}
