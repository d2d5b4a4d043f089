using Xunit;

namespace PortDoctor.History.Tests;

public sealed class RetentionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Each_tier_is_purged_at_its_own_age_and_the_coarser_tiers_keep_the_history()
    {
        var options = new HistoryOptions
        {
            Retention = new RetentionPolicy { Raw = TimeSpan.FromHours(2), Minute = TimeSpan.FromHours(5), Hour = TimeSpan.FromHours(10), Connections = TimeSpan.FromMinutes(30) },
        };
        using var store = HistoryStore.Open(_dir.File("history.db"), options);
        var hourly = TimeSpan.FromMinutes(30);
        for (var i = 0; i < 24; i++)
        {
            store.Append(BusyHost.Sample(i, hourly, processes: 2, destinations: 1, connections: 3));
        }

        var now = BusyHost.Start.AddHours(12);
        while (store.Maintain(now).More)
        {
        }

        var since = BusyHost.Start.AddDays(-1);
        Assert.Equal(BusyHost.Start.AddHours(10), store.Query(since, now).First().Time);
        Assert.Equal(BusyHost.Start.AddHours(7), store.HeadlineSeries(since, now, SeriesResolution.Minute).First().Time);
        Assert.Equal(BusyHost.Start.AddHours(2), store.HeadlineSeries(since, now, SeriesResolution.Hour).First().Time);
        Assert.Equal(BusyHost.Start.AddHours(2), store.ProcessSeries(since, now, SeriesResolution.Hour).First().Time);
        Assert.Equal([BusyHost.Start.AddHours(11.5)], store.QueryConnections(since, now).Select(c => c.Time).Distinct());
        Assert.Equal(3, store.Query(since, now).Count(s => s.Connections.Count == 0));
    }

    [Fact]
    public void A_step_purges_at_most_its_rows_and_says_when_more_is_left()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"), new HistoryOptions { Retention = RetentionPolicy.Default with { Raw = TimeSpan.FromDays(1) } });
        for (var i = 0; i < 25; i++)
        {
            store.Append(BusyHost.Sample(i, TimeSpan.FromMinutes(1), processes: 1, destinations: 0, connections: 0));
        }

        var now = BusyHost.Start.AddDays(2);
        var steps = new List<MaintenanceStep>();
        do
        {
            steps.Add(store.Maintain(now, maxRows: 10));
        }
        while (steps[^1].More && steps.Count < 10);

        Assert.Equal([10, 10, 5], steps.Select(s => s.SamplesPurged).Take(3));
        Assert.False(steps[^1].More);
        Assert.Empty(store.Query(BusyHost.Start, now));
        Assert.Equal(25, store.HeadlineSeries(BusyHost.Start, now, SeriesResolution.Minute).Sum(p => p.Samples));
    }

    [Fact]
    public void Expired_4_tuples_are_purged_over_as_many_steps_as_it_takes_and_their_samples_stay()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"), new HistoryOptions { Retention = RetentionPolicy.Default with { Connections = TimeSpan.FromHours(1) } });
        for (var i = 0; i < 30; i++)
        {
            store.Append(BusyHost.Sample(i, TimeSpan.FromMinutes(5), processes: 1, destinations: 1, connections: 4));
        }

        var now = BusyHost.Start.AddHours(3);
        var steps = 0;
        while (store.Maintain(now, maxRows: 4).More && ++steps < 50)
        {
        }

        Assert.All(store.QueryConnections(BusyHost.Start, now), c => Assert.True(c.Time >= now.AddHours(-1), $"{c.Time} is past retention"));
        Assert.Equal(6 * 4, store.QueryConnections(BusyHost.Start, now).Count);
        Assert.Equal(30, store.Query(BusyHost.Start, now).Count);
    }

    [Fact]
    public void Auto_resolution_reads_raw_until_retention_purged_it_then_the_minute_tier()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"), new HistoryOptions { Retention = RetentionPolicy.Default with { Raw = TimeSpan.FromHours(1) } });
        for (var i = 0; i < 120; i++)
        {
            store.Append(BusyHost.Sample(i, TimeSpan.FromSeconds(30), processes: 1, destinations: 0, connections: 0));
        }

        var since = BusyHost.Start.AddDays(-1);
        Assert.Equal(120, store.HeadlineSeries(since, BusyHost.Start.AddDays(1)).Count);

        while (store.Maintain(BusyHost.Start.AddMinutes(90)).More)
        {
        }

        var auto = store.HeadlineSeries(since, BusyHost.Start.AddDays(1));
        Assert.Equal(60, auto.Count);
        Assert.All(auto, p => Assert.Equal(2, p.Samples));
        Assert.Equal(60, store.HeadlineSeries(BusyHost.Start.AddMinutes(30), BusyHost.Start.AddDays(1)).Count);
    }

    [Fact]
    public void A_retention_whose_coarser_tier_is_shorter_is_refused() =>
        Assert.Throws<ArgumentException>(() => HistoryStore.Open(
            _dir.File("history.db"), new HistoryOptions { Retention = RetentionPolicy.Default with { Minute = TimeSpan.FromDays(1) } }));
}
