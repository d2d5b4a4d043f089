using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using Xunit;

namespace PortDoctor.Core.Tests.Trends;

public sealed class SampleSummaryTests
{
    private static readonly DateTimeOffset At = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly (int? Pid, SocketState State)[] Rows =
    [
        (4321, SocketState.Established), (4321, SocketState.TimeWait), (4321, SocketState.Established), (null, SocketState.TimeWait),
        (784, SocketState.CloseWait), (4321, SocketState.CloseWait), (784, SocketState.CloseWait), (null, SocketState.Listen),
    ];

    [Fact]
    public void Counts_kept_compact_read_as_the_counts_of_the_snapshot()
    {
        var eager = SampleSummary.Of(Snapshot(Rows), "log.txt");

        var compact = Compact(Rows);

        Assert.Equal(eager.Total, compact.Total);
        Assert.Equal(eager.ByState.ToList(), compact.ByState.ToList());
        Assert.Equal(eager.ByPid.ToList(), compact.ByPid.ToList());
        Assert.Equal(eager.ByPidAndState.OrderBy(p => p.Key), compact.ByPidAndState.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_series_of_compact_samples_grows_as_a_series_of_snapshots_does()
    {
        var samples = Enumerable.Range(0, 3000)
            .Select(i => Rows.Take(1 + (i % Rows.Length)).Append((1000 + (i % 7), SocketState.Established)).ToArray())
            .ToList();
        var (eager, compact) = (new SeriesTrend(), new SeriesTrend());

        foreach (var (rows, i) in samples.Select((r, i) => (r, i)))
        {
            eager.Add(SampleSummary.Of(Snapshot(rows) with { Time = At.AddMinutes(i) }, "log.txt"));
            compact.Add(Compact(rows, At.AddMinutes(i)));
        }

        Assert.Equal(eager.Growth(), compact.Growth());
        Assert.Equal(eager.Kept.Select(s => (s.Time, s.Total)), compact.Kept.Select(s => (s.Time, s.Total)));
        Assert.NotEmpty(compact.Growth());
    }

    private static Snapshot Snapshot((int? Pid, SocketState State)[] rows) => new()
    {
        Time = At,
        Os = OsKind.Windows,
        Sockets = [.. rows.Select((r, i) => new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, r.State, new Endpoint("10.0.0.5", 50000 + i), new Endpoint("10.0.0.9", 443)) { Pid = r.Pid })],
    };

    /// <summary>Counted as NetstatBlock counts: per state, and per PID (in order of first sight) and state.</summary>
    private static SampleSummary Compact((int? Pid, SocketState State)[] rows, DateTimeOffset? time = null)
    {
        var byState = new int[Enum.GetValues<SocketState>().Length];
        foreach (var (_, state) in rows)
        {
            byState[(int)state]++;
        }

        var pairs = rows.Where(r => r.Pid is not null)
            .GroupBy(r => r.Pid!.Value)
            .SelectMany(g => g.GroupBy(r => r.State).OrderBy(s => s.Key).Select(s => new SampleCount(g.Key, s.Key, s.Count())))
            .ToArray();
        return SampleSummary.OfCounts(time ?? At, "log.txt", rows.Length, byState, pairs);
    }
}
