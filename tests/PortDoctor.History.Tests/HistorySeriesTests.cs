using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Reporting;
using Xunit;

namespace PortDoctor.History.Tests;

/// <summary>What `report --db` reads: process points without an intermediate row each, and the headline pool's states.</summary>
public sealed class HistorySeriesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Process_points_are_the_process_series_rounded_with_one_string_per_name()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        for (var i = 0; i < 4; i++)
        {
            store.Append(BusyHost.Sample(i, TimeSpan.FromSeconds(30)));
        }

        var (from, to) = (BusyHost.Start, BusyHost.Start.AddHours(1));
        var points = store.ProcessPoints(from, to, SeriesResolution.Raw);
        var series = store.ProcessSeries(from, to, SeriesResolution.Raw);
        var minutes = store.ProcessPoints(from, to, SeriesResolution.Minute).Where(p => p.Pid == 1000);

        Assert.Equal(80, points.Count);
        Assert.Equal(
            series.Select(p => (p.Time, p.Pid, p.StartTime, p.Name, p.PortsMax)),
            points.Select(p => (p.Time, p.Pid, p.StartTime, p.Name, p.Ports)));
        var leaky = points.Where(p => p.Name == "leaky-worker").ToList();
        Assert.Equal(4, leaky.Count);
        Assert.All(leaky, p => Assert.Same(leaky[0].Name, p.Name));
        // Rollups give the bucket's mean, rounded to even: 101.5 -> 102, 107.5 -> 108.
        Assert.Equal([102, 108], minutes.Select(p => p.Ports));
    }

    [Fact]
    public void Headline_states_come_from_the_fullest_pool_of_each_sample_grouped_for_the_chart()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        store.Append(Sample(BusyHost.Start, tcp: 50, udp: 10));
        store.Append(Sample(BusyHost.Start.AddMinutes(1), tcp: 10, udp: 80));
        store.Append(Sample(BusyHost.Start.AddMinutes(2), tcp: 30, udp: 30));

        var states = store.HeadlineStates(BusyHost.Start, BusyHost.Start.AddHours(1));

        Assert.Equal(
            [
                new StateSample(BusyHost.Start, 20, 15, 5, 7, 3),
                new StateSample(BusyHost.Start.AddMinutes(1), 0, 0, 0, 0, 80),
                // A tie in utilization and ports keeps the first pool in the store's order (tcp), as HostSample.Headline does.
                new StateSample(BusyHost.Start.AddMinutes(2), 12, 9, 5, 7, 3),
            ],
            states);
        Assert.Empty(store.HeadlineStates(BusyHost.Start.AddHours(1), BusyHost.Start.AddHours(2)));
    }

    private static HostSample Sample(DateTimeOffset time, int tcp, int udp) => new(time, "h")
    {
        Pools =
        [
            new PoolSample(TransportProtocol.Tcp, null, 100, tcp)
            {
                ByState = new Dictionary<SocketState, int>
                {
                    [SocketState.Established] = tcp * 2 / 5,
                    [SocketState.TimeWait] = tcp * 3 / 10,
                    [SocketState.CloseWait] = 5,
                    [SocketState.FinWait1] = 4,
                    [SocketState.FinWait2] = 3,
                    [SocketState.Bound] = 2,
                    [SocketState.SynSent] = 1,
                },
            },
            new PoolSample(TransportProtocol.Udp, null, 100, udp) { ByState = new Dictionary<SocketState, int> { [SocketState.Unconnected] = udp } },
        ],
    };
}
