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

    /// <summary>
    /// A series fed counts (as the netstat readers feed it, no summary per sample) against one fed their
    /// summaries: the same samples kept, the same first and last (the same object when it is a kept one),
    /// the same growth, with shared count arrays, clocks set back, equal times and a second source mixed in.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 1500)]
    [InlineData(4, 5000)]
    public void A_series_fed_counts_is_the_series_fed_their_summaries(int seed, int samples)
    {
        var random = new Random(seed);
        var shared = Enumerable.Range(0, 6).Select(_ => RandomCounts(random)).ToArray();
        var (bySummary, byCounts) = (new SeriesTrend(), new SeriesTrend());
        var clock = At;
        for (var i = 0; i < samples; i++)
        {
            // Mostly on by a minute or at the same moment, sometimes set back a little; rarely one sample days before (a new first).
            clock = random.Next(8) switch
            {
                0 => clock.AddMinutes(-random.Next(1, 3)),
                < 4 => clock,
                _ => clock.AddMinutes(1),
            };
            var time = random.Next(500) == 0 ? clock.AddDays(-random.Next(1, 30)) : clock;
            var counts = random.Next(4) == 0 ? RandomCounts(random) : shared[random.Next(shared.Length)];
            var source = random.Next(50) == 0 ? "other.txt" : "log.txt";
            bySummary.Add(SampleSummary.OfCounts(time, source, counts));
            if (random.Next(20) == 0)
            {
                byCounts.Add(SampleSummary.OfCounts(time, source, counts));
            }
            else
            {
                byCounts.Add(time, source, counts);
            }

            if (i % 37 == 0 || i == samples - 1)
            {
                // The first and last as they stand after this sample (asked for mid-way too: a summary made then is not made again).
                Assert.Equal(Describe(bySummary.First!), Describe(byCounts.First!));
                Assert.Equal(Describe(bySummary.Last!), Describe(byCounts.Last!));
            }
        }

        Assert.Equal(bySummary.Count, byCounts.Count);
        Assert.Equal(bySummary.Kept.Select(Describe), byCounts.Kept.Select(Describe));
        Assert.Equal(Identity(bySummary), Identity(byCounts));
        Assert.Equal(bySummary.Growth(), byCounts.Growth());
    }

    private static SampleCounts RandomCounts(Random random)
    {
        var byState = new int[Enum.GetValues<SocketState>().Length];
        var pairs = new List<SampleCount>();
        var rows = random.Next(1, 6);
        foreach (var pid in Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(1, 12)).Distinct())
        {
            foreach (var state in new[] { SocketState.Established, SocketState.TimeWait, SocketState.CloseWait }.Where(_ => random.Next(2) == 0))
            {
                var count = random.Next(1, 40);
                pairs.Add(new SampleCount(pid, state, count));
                byState[(int)state] += count;
                rows += count;
            }
        }

        byState[(int)SocketState.Listen] += rows - byState.Sum();
        return SampleSummary.Count(rows, byState, [.. pairs]);
    }

    private static string Describe(SampleSummary sample) =>
        $"{sample.Time:O} {sample.Source} {sample.Total} [{string.Join(",", sample.ByState)}] [{string.Join(",", sample.ByPid)}] [{string.Join(",", sample.ByPidAndState)}]";

    /// <summary>Which kept sample (by reference) the first and last are, and whether they are one object.</summary>
    private static (int First, int Last, bool Same) Identity(SeriesTrend series) =>
        (Index(series.Kept, series.First!), Index(series.Kept, series.Last!), ReferenceEquals(series.First, series.Last));

    private static int Index(IReadOnlyList<SampleSummary> kept, SampleSummary sample) =>
        kept.Select((s, i) => ReferenceEquals(s, sample) ? i : -1).FirstOrDefault(i => i >= 0, -1);

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
