using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using Xunit;

namespace PortDoctor.History.Tests;

/// <summary>
/// `report --db` over long ranges: processes at full resolution for the last day, from the 1-hour
/// rollup before it, raw again in an hour where one name changed instance. The forecasts must
/// read the same as over the raw rows.
/// </summary>
public sealed class ProcessTiersTests(ProcessTiersTests.ThreeDays history) : IClassFixture<ProcessTiersTests.ThreeDays>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = BusyHost.Start;

    /// <summary>Sample 400 is 33:20 after the start: the restarter's new instance begins mid-hour, before the last day.</summary>
    private const int RestartIndex = 400;
    private const int Samples = 3 * 24 * 12;

    [Fact]
    public void Hours_between_the_first_and_the_last_day_are_one_mean_point_per_process_the_rest_raw()
    {
        var store = history.Store;
        var (from, to) = (Start.AddDays(-2), Start.AddDays(4));
        var raw = store.ProcessPoints(from, to, SeriesResolution.Raw);
        var mixed = store.ProcessPoints(from, to, TimeSpan.FromDays(1));
        var cut = Start.AddHours(47); // The newest sample is at 71:55; the whole hour a day before it.
        var restartHour = Start.AddHours(33);
        bool Hourly(DateTimeOffset t) => t >= Start.AddHours(1) && t < cut && (t < restartHour || t >= restartHour.AddHours(1));

        Assert.Equal(raw.Where(p => !Hourly(p.Time)), mixed.Where(p => !Hourly(p.Time)));
        var expected = raw.Where(p => Hourly(p.Time))
            .GroupBy(p => (Hour: Start.AddHours(Math.Floor((p.Time - Start).TotalHours)), p.Name, p.Pid))
            .Select(g => (g.Key.Hour.AddMinutes(30), g.Key.Name, g.Key.Pid, (int)Math.Round(g.Average(p => (double)p.Ports))))
            .OrderBy(p => p.Item1).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Pid);
        Assert.Equal(
            expected,
            mixed.Where(p => Hourly(p.Time)).Select(p => (p.Time, p.Name, p.Pid, p.Ports)).OrderBy(p => p.Time).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Pid));
        Assert.Equal(Start, mixed[0].Time);
        Assert.True(mixed.Count < raw.Count / 2, $"{mixed.Count} points of {raw.Count}");
    }

    [Fact]
    public void Forecasts_over_the_hourly_rollup_read_as_over_the_raw_rows()
    {
        var store = history.Store;
        var (from, to) = (Start, Start.AddDays(4));
        var raw = ProcessTrends.Analyze(store.ProcessPoints(from, to, SeriesResolution.Raw), 28232).ToDictionary(t => t.Name);
        var mixed = ProcessTrends.Analyze(store.ProcessPoints(from, to, TimeSpan.FromDays(1)), 28232).ToDictionary(t => t.Name);

        Assert.Equal(TrendShape.Leak, raw["leaky"].Shape);
        Assert.Equal(TrendShape.Flat, raw["flat"].Shape);
        Assert.Equal(1, raw["restarter"].Restarts);
        Assert.Equal(TrendShape.Flat, raw["twin"].Shape);
        foreach (var (name, expected) in raw)
        {
            var actual = mixed[name];
            Assert.Equal(
                (name, expected.Shape, expected.Restarts, expected.Pid, expected.PortsLatest, expected.Forecast.Fit?.Start),
                (name, actual.Shape, actual.Restarts, actual.Pid, actual.PortsLatest, actual.Forecast.Fit?.Start));
            Assert.Equal(
                expected.Forecast.ChangePoints.Where(c => c.Kind == ChangeKind.Restart).Select(c => c.Time),
                actual.Forecast.ChangePoints.Where(c => c.Kind == ChangeKind.Restart).Select(c => c.Time));
            if (expected.GrowthPerHour is { } rate && Math.Abs(rate) >= 1)
            {
                Assert.InRange(actual.GrowthPerHour!.Value, rate * 0.98, rate * 1.02);
            }
        }
    }

    [Fact]
    public void A_range_within_the_last_day_reads_what_the_finest_tier_has()
    {
        var store = history.Store;
        var (from, to) = (Start.AddHours(50), Start.AddDays(4));

        Assert.Equal(store.ProcessPoints(from, to), store.ProcessPoints(from, to, TimeSpan.FromDays(1)));
    }

    /// <summary>Three days of 5-minute samples in one store, written once for the class.</summary>
    public sealed class ThreeDays : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public ThreeDays()
        {
            Store = HistoryStore.Open(_dir.File("history.db"));
            for (var i = 0; i < Samples; i++)
            {
                Store.Append(Sample(i));
            }
        }

        public HistoryStore Store { get; }

        public void Dispose()
        {
            Store.Dispose();
            _dir.Dispose();
        }
    }

    /// <summary>
    /// A leak (24 ports/h), a daily cycle, a flat process with noise, a leak that restarts at
    /// <see cref="RestartIndex"/>, and two PIDs of one name throughout (workers: they stay hourly).
    /// </summary>
    private static HostSample Sample(int i)
    {
        var time = Start + (Interval * i);
        var hours = (time - Start).TotalHours;
        var restarted = i >= RestartIndex;
        return new HostSample(time, "tiers")
        {
            Pools = [new PoolSample(TransportProtocol.Tcp, IpFamily.IPv4, 28232, 3000 + i)],
            Processes =
            [
                new ProcessSample(100, Start.AddDays(-1), "leaky", 500 + (2 * i)),
                new ProcessSample(200, Start.AddDays(-1), "cycler", 800 + (int)(600 * Math.Sin(2 * Math.PI * hours / 24)) + (i * 7 % 11)),
                new ProcessSample(300, null, "flat", 150 + (i * 3 % 5)),
                restarted
                    ? new ProcessSample(401, Start + (Interval * RestartIndex), "restarter", 40 + (i - RestartIndex))
                    : new ProcessSample(400, Start.AddDays(-1), "restarter", 40 + i),
                new ProcessSample(500, Start.AddDays(-1), "twin", 60 + (i % 3)),
                new ProcessSample(501, Start.AddDays(-1), "twin", 70),
            ],
        };
    }
}
