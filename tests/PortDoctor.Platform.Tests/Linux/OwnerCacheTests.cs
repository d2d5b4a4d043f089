using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public sealed class OwnerCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private static void Collect(OwnerCache cache, FakeFdTables tables, DateTimeOffset now)
    {
        var refresh = cache.Linux.Refresh(tables, cache.FullWalkDue(now), TestContext.Current.CancellationToken);
        cache.Linux.Resolve(tables, refresh, new HashSet<long> { 1 }, now, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(60, new[] { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 })] // every 10th sample: 10 minutes
    [InlineData(30, new[] { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 })] // every 10th sample: 5 minutes
    [InlineData(5, new[] { 0, 60 })] // every 5 minutes: the 10th sample comes too soon
    [InlineData(1, new[] { 0 })]
    public void A_monitor_walks_every_table_on_the_first_and_every_10th_sample_but_at_most_every_5_minutes(int intervalSeconds, int[] expected)
    {
        var cache = OwnerCache.ForMonitor();
        var tables = new FakeFdTables();
        tables.Add(10, 100, 1);
        var due = new List<int>();
        for (var sample = 0; sample < 100; sample++)
        {
            var now = Start.AddSeconds(sample * intervalSeconds);
            if (cache.FullWalkDue(now))
            {
                due.Add(sample);
            }

            Collect(cache, tables, now);
        }

        Assert.Equal(expected, due);
    }

    [Fact]
    public void A_slow_interval_walks_every_table_after_10_minutes_whatever_the_count()
    {
        var cache = OwnerCache.ForMonitor();
        var tables = new FakeFdTables();
        tables.Add(10, 100, 1);
        Collect(cache, tables, Start);

        Assert.False(cache.FullWalkDue(Start.AddMinutes(9)));
        Assert.True(cache.FullWalkDue(Start.AddMinutes(10)));
    }

    [Fact]
    public void All_namespaces_walk_every_table_after_10_intervals_and_one_run_only_once()
    {
        var perNamespace = OwnerCache.ForAllNamespaces(TimeSpan.FromSeconds(5));
        var once = OwnerCache.ForOneRun();
        var tables = new FakeFdTables();
        tables.Add(10, 100, 1);
        for (var collection = 0; collection < 40; collection++)
        {
            Collect(perNamespace, tables, Start.AddSeconds(collection));
            Collect(once, tables, Start.AddSeconds(collection));
        }

        Assert.Equal(Start.AddSeconds(0), once.Linux.LastFullWalk);
        Assert.Equal(39, once.Linux.CollectionsSinceFullWalk);
        Assert.Equal(Start.AddSeconds(0), perNamespace.Linux.LastFullWalk); // 40 s: within 10 intervals of 5 s
        Assert.True(perNamespace.FullWalkDue(Start.AddSeconds(50)));
    }

    [Fact]
    public void A_monitor_refills_a_snapshot_socket_list_only_two_collections_later()
    {
        var cache = OwnerCache.ForMonitor();
        var first = cache.SocketList(4);
        first.Add(Socket(1));
        var second = cache.SocketList(4);
        second.Add(Socket(2));

        Assert.NotSame(first, second);
        Assert.Equal([Socket(1)], first); // the last snapshot's list, untouched by the next collection
        var third = cache.SocketList(100);
        Assert.Same(first, third);
        Assert.Empty(third);
        Assert.True(third.Capacity >= 100);
        Assert.Equal([Socket(2)], second);
    }

    [Fact]
    public void Caches_whose_snapshots_live_together_give_a_new_list_each_collection()
    {
        foreach (var cache in new[] { OwnerCache.ForAllNamespaces(TimeSpan.FromSeconds(5)), OwnerCache.ForOneRun() })
        {
            var lists = Enumerable.Range(0, 3).Select(_ => cache.SocketList(4)).ToList();
            Assert.Equal(3, lists.Distinct(ReferenceEqualityComparer.Instance).Count());
        }
    }

    private static SocketEntry Socket(int port) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.1", port), new Endpoint("10.0.0.2", 443));
}
