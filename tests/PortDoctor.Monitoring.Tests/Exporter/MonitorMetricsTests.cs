using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Monitoring.Exporter;
using Xunit;
using static PortDoctor.Monitoring.Tests.Exporter.Exposition;

namespace PortDoctor.Monitoring.Tests.Exporter;

public sealed class MonitorMetricsTests
{
    private const string Tcp = "protocol=\"tcp\",family=\"any\",scope=\"shared\"";

    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static HostSample Sample(int portsInUse = 300, IEnumerable<ProcessSample>? processes = null, ProbeResult? probe = null) =>
        new(At, "web1")
        {
            Namespace = "pdlab-1",
            Pools =
            [
                new PoolSample(TransportProtocol.Tcp, null, 1000, portsInUse)
                {
                    ByState = new Dictionary<SocketState, int> { [SocketState.Established] = 250, [SocketState.TimeWait] = 40, [SocketState.Bound] = 10 },
                    WorstDestinations = [new DestinationSample("10.0.0.5", new Endpoint("10.0.0.7", 5432), 280) { TimeWait = 30 }],
                },
                new PoolSample(TransportProtocol.Udp, null, 1000, 3) { ByState = new Dictionary<SocketState, int> { [SocketState.Unconnected] = 3 } },
            ],
            Processes = processes?.ToList() ?? [new ProcessSample(20, At, "app", 280), new ProcessSample(31, null, "cron", 20)],
            Probe = probe ?? new ProbeResult("bind 127.0.0.1:0", ProbeOutcome.Succeeded),
            EventsSinceLast = 2,
            Cost = new SampleCost(TimeSpan.FromMilliseconds(125), TimeSpan.FromMilliseconds(40)),
        };

    private static MonitorMetrics Metrics(params HostSample[] samples)
    {
        var metrics = new MonitorMetrics("1.2.3", OsKind.Linux);
        foreach (var sample in samples)
        {
            metrics.Record(new SampleOutcome(sample.Time, sample, null));
        }

        return metrics;
    }

    [Fact]
    public void A_sample_is_exported_as_pools_states_destinations_and_processes()
    {
        using var metrics = Metrics(Sample());
        var text = Render(metrics);

        Assert.Equal(1000, Value(text, $"portdoctor_ephemeral_ports_capacity{{{Tcp}}}"));
        Assert.Equal(300, Value(text, $"portdoctor_ephemeral_ports_in_use{{{Tcp}}}"));
        Assert.Equal(0.3, Value(text, $"portdoctor_ephemeral_ports_utilization_ratio{{{Tcp}}}"));
        Assert.Equal(10, Value(text, $"portdoctor_sockets{{{Tcp},state=\"BOUND\"}}"));
        Assert.Equal(40, Value(text, $"portdoctor_sockets{{{Tcp},state=\"TIME_WAIT\"}}"));
        Assert.Equal(0, Value(text, $"portdoctor_sockets{{{Tcp},state=\"CLOSE_WAIT\"}}"));
        Assert.Equal(3, Value(text, "portdoctor_sockets{protocol=\"udp\",family=\"any\",scope=\"shared\",state=\"UNCONN\"}"));
        Assert.Equal(280, Value(text, $"portdoctor_destination_ports_in_use{{{Tcp},local_address=\"10.0.0.5\",remote=\"10.0.0.7:5432\"}}"));
        Assert.Equal(280, Value(text, "portdoctor_process_ports{pid=\"20\",process=\"app\"}"));
        Assert.Equal(1, Value(text, "portdoctor_host_info{hostname=\"web1\",netns=\"pdlab-1\"}"));
        Assert.Equal(1, Value(text, "portdoctor_build_info{version=\"1.2.3\",os=\"linux\"}"));
        Assert.Equal(0.125, Value(text, "portdoctor_sample_duration_seconds"));
        Assert.Equal(At.ToUnixTimeSeconds(), Value(text, "portdoctor_last_sample_timestamp_seconds"));
        Assert.Contains("# TYPE portdoctor_probe_failures_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_add_up_across_samples_and_every_probe_error_starts_at_zero()
    {
        var failed = new ProbeResult("connect 127.0.0.1:8080", ProbeOutcome.AddressUnavailable) { NativeError = 99 };
        using var metrics = Metrics(Sample(), Sample(probe: failed), Sample(probe: failed));
        metrics.Record(new SampleOutcome(At, null, "sample failed: collector error"));
        var text = Render(metrics);

        Assert.Equal(3, Value(text, "portdoctor_probes_total"));
        Assert.Equal(2, Value(text, "portdoctor_probe_failures_total{error=\"address-unavailable\"}"));
        Assert.Equal(0, Value(text, "portdoctor_probe_failures_total{error=\"refused\"}"));
        Assert.Equal(6, Value(text, "portdoctor_tcpip_exhaustion_events_total"));
        Assert.Equal(3, Value(text, "portdoctor_samples_total{result=\"ok\"}"));
        Assert.Equal(1, Value(text, "portdoctor_samples_total{result=\"failed\"}"));
    }

    [Fact]
    public void A_process_that_left_the_top_list_is_no_longer_exported()
    {
        using var metrics = Metrics(Sample(), Sample(processes: [new ProcessSample(20, At, "app", 290)]));
        var text = Render(metrics);

        Assert.Equal(290, Value(text, "portdoctor_process_ports{pid=\"20\",process=\"app\"}"));
        Assert.DoesNotContain("pid=\"31\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_host_stays_within_the_documented_series_bound()
    {
        var states = Enum.GetValues<SocketState>().ToDictionary(s => s, _ => 5);
        PoolSample Pool(TransportProtocol protocol, IpFamily family) => new(protocol, family, 16384, 100)
        {
            ByState = states,
            WorstDestinations = [.. Enumerable.Range(1, 30).Select(i => new DestinationSample("10.0.0.5", new Endpoint($"10.0.1.{i}", 443), i))],
        };
        var sample = Sample(processes: Enumerable.Range(1, 40).Select(i => new ProcessSample(i, null, "p" + i, i))) with
        {
            Pools = [Pool(TransportProtocol.Tcp, IpFamily.IPv4), Pool(TransportProtocol.Tcp, IpFamily.IPv6), Pool(TransportProtocol.Udp, IpFamily.IPv4), Pool(TransportProtocol.Udp, IpFamily.IPv6)],
        };
        using var metrics = Metrics(sample, sample);

        var series = Series(Render(metrics));

        Assert.True(MonitorMetrics.MaxSeries == 92, $"the bound is {MonitorMetrics.MaxSeries}; docs/cli.md says 92");
        Assert.True(series.Count <= MonitorMetrics.MaxSeries, $"{series.Count} series > {MonitorMetrics.MaxSeries}");
        Assert.Equal(MonitorMetrics.TopProcesses, series.Count(s => s.StartsWith("portdoctor_process_ports{", StringComparison.Ordinal)));
        Assert.Equal(MonitorMetrics.TopDestinations, series.Count(s => s.StartsWith("portdoctor_destination_ports_in_use{", StringComparison.Ordinal)));
        Assert.Contains(series, s => s.StartsWith("portdoctor_destination_ports_in_use{protocol=\"tcp\",family=\"ipv6\",scope=\"family\",local_address=\"10.0.0.5\",remote=\"10.0.1.30:443\"}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5, "ok")]
    [InlineData(0, "not-growing")]
    public void The_forecast_is_exported_while_the_pool_grows_as_a_leak_does_and_its_status_always(int perMinute, string status)
    {
        using var metrics = new MonitorMetrics("1.2.3", OsKind.Linux);
        for (var minute = 0; minute <= 60; minute++)
        {
            var sample = Sample(portsInUse: 300 + (perMinute * minute)) with { Time = At.AddMinutes(minute) };
            metrics.Record(new SampleOutcome(sample.Time, sample, null));
        }

        var text = Render(metrics);

        Assert.Equal(1, Value(text, $"portdoctor_forecast_info{{{Tcp},status=\"{status}\"}}"));
        var eta = Value(text, $"portdoctor_exhaustion_eta_seconds{{{Tcp}}}");
        if (perMinute == 0)
        {
            Assert.Null(eta);
            Assert.DoesNotContain("portdoctor_exhaustion_eta_lower_seconds{", text, StringComparison.Ordinal);
            return;
        }

        // 400 ports left at 5 a minute: 80 minutes, inside the band.
        Assert.InRange(eta!.Value, 70 * 60, 90 * 60);
        Assert.True(Value(text, $"portdoctor_exhaustion_eta_lower_seconds{{{Tcp}}}") <= eta);
        Assert.True(Value(text, $"portdoctor_exhaustion_eta_upper_seconds{{{Tcp}}}") >= eta);
    }
}
