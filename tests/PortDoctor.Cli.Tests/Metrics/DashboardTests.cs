using System.Text.RegularExpressions;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Monitoring;
using PortDoctor.Monitoring.Exporter;
using Xunit;

namespace PortDoctor.Cli.Tests.Metrics;

public sealed class DashboardTests
{
    [Fact]
    public void The_dashboard_covers_utilization_eta_processes_states_and_destinations_with_metrics_the_monitor_exports()
    {
        var queries = Dashboard.Queries();
        var exported = ExportedNames();

        Assert.True(queries.Count >= 8, $"{queries.Count} queries");
        foreach (var needed in new[] { "utilization_ratio", "exhaustion_eta", "process_ports", "portdoctor_sockets", "destination_ports_in_use" })
        {
            Assert.Contains(queries, q => q.Expr.Contains(needed, StringComparison.Ordinal));
        }

        foreach (var (panel, expr) in queries)
        {
            foreach (var name in Regex.Matches(expr, @"portdoctor_\w+").Select(m => m.Value))
            {
                Assert.True(exported.Contains(name), $"panel '{panel}' queries {name}, which the monitor does not export");
            }
        }
    }

    /// <summary>Metric names in the exposition of a sample with a leak long enough for a forecast.</summary>
    private static HashSet<string> ExportedNames()
    {
        using var metrics = new MonitorMetrics("test", OsKind.Linux);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var minute = 0; minute < 60; minute++)
        {
            var sample = new HostSample(start.AddMinutes(minute), "web1")
            {
                Pools = [new PoolSample(TransportProtocol.Tcp, null, 1000, 100 + (5 * minute)) { WorstDestinations = [new DestinationSample("10.0.0.5", new Endpoint("10.0.0.7", 5432), 90 + (5 * minute))] }],
                Processes = [new ProcessSample(20, null, "app", 90 + (5 * minute))],
                Probe = new ProbeResult("bind 127.0.0.1:0", ProbeOutcome.Succeeded),
            };
            metrics.Record(new SampleOutcome(sample.Time, sample, null));
        }

        using var stream = new MemoryStream();
        metrics.WriteAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return [.. Regex.Matches(text, @"^# TYPE (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];
    }
}
