using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using Xunit;

namespace PortDoctor.History.Tests;

public sealed class HistoryStoreTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_creates_the_directories_and_sets_WAL_NORMAL_incremental_vacuum_and_the_version()
    {
        var path = _dir.File("a/b/history.db");
        using var store = HistoryStore.Open(path);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", Pragma(store, "journal_mode"));
        Assert.Equal("1", Pragma(store, "synchronous"));
        Assert.Equal("2", Pragma(store, "auto_vacuum"));
        Assert.Equal((4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), Pragma(store, "journal_size_limit"));
        Assert.Equal("1", Pragma(store, "user_version"));
    }

    [Fact]
    public void A_query_rebuilds_every_field_of_every_sample_in_time_order()
    {
        var linux = new HostSample(BusyHost.Start.AddSeconds(30), "lab")
        {
            Namespace = "pdo-lab-1",
            Pools = [new PoolSample(TransportProtocol.Tcp, null, 100, 100) { ByState = new Dictionary<SocketState, int> { [SocketState.Bound] = 100 } }],
            Processes = [new ProcessSample(77, null, "bind-only", 100)],
            Connections = [new ConnectionOwner(new Endpoint("::1", 40000), new Endpoint("::1", 80), 77, null)],
            Probe = new ProbeResult("127.0.0.1:0", ProbeOutcome.AddressUnavailable) { NativeError = 99, ErrorName = "EADDRNOTAVAIL", Elapsed = TimeSpan.FromMilliseconds(1.5) },
        };
        var empty = new HostSample(BusyHost.Start.AddSeconds(90), "lab");
        var samples = new[] { BusyHost.Sample(2, Minute), linux, BusyHost.Sample(0, Minute), empty };
        using var store = HistoryStore.Open(_dir.File("history.db"));
        foreach (var sample in samples)
        {
            store.Append(sample);
        }

        var read = store.Query(BusyHost.Start, BusyHost.Start.AddHours(1));

        var expected = samples.OrderBy(s => s.Time).Select(SampleText.Of).ToList();
        Assert.Equal(expected, read.Select(SampleText.Of).ToList());
    }

    [Fact]
    public void Since_is_inclusive_and_until_exclusive()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        for (var i = 0; i < 5; i++)
        {
            store.Append(BusyHost.Sample(i, Minute, processes: 1, destinations: 0, connections: 0));
        }

        var read = store.Query(BusyHost.Start.AddMinutes(1), BusyHost.Start.AddMinutes(3));

        Assert.Equal([BusyHost.Start.AddMinutes(1), BusyHost.Start.AddMinutes(2)], read.Select(s => s.Time));
    }

    [Fact]
    public void The_raw_headline_series_is_the_fullest_pool_of_each_sample()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        store.Append(TwoPools(BusyHost.Start, tcp: 50, udp: 10));
        store.Append(TwoPools(BusyHost.Start.AddMinutes(1), tcp: 10, udp: 80));

        var series = store.HeadlineSeries(BusyHost.Start, BusyHost.Start.AddHours(1), SeriesResolution.Raw);

        Assert.Equal([(1, 50, 50.0), (1, 80, 80.0)], series.Select(p => (p.Samples, p.PortsMax, p.UtilizationAverage)));
    }

    [Fact]
    public void Minute_and_hour_rollups_keep_count_min_max_and_average()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        int[] ports = [10, 30, 20, 60, 40];
        for (var i = 0; i < ports.Length; i++)
        {
            // 20 s apart: three samples in the first minute, two in the second.
            store.Append(TwoPools(BusyHost.Start.AddSeconds(20 * i), tcp: ports[i], udp: 0));
        }

        var minutes = store.HeadlineSeries(BusyHost.Start, BusyHost.Start.AddHours(1), SeriesResolution.Minute);
        var hours = store.HeadlineSeries(BusyHost.Start.AddMinutes(30), BusyHost.Start.AddHours(1), SeriesResolution.Hour);

        Assert.Equal(
            [(BusyHost.Start, 3, 10, 30, 20.0, 10.0, 30.0, 20.0), (BusyHost.Start.AddMinutes(1), 2, 40, 60, 50.0, 40.0, 60.0, 50.0)],
            minutes.Select(p => (p.Time, p.Samples, p.PortsMin, p.PortsMax, p.PortsAverage, p.UtilizationMin, p.UtilizationMax, p.UtilizationAverage)));
        Assert.Equal([(BusyHost.Start, 5, 10, 60, 32.0)], hours.Select(p => (p.Time, p.Samples, p.PortsMin, p.PortsMax, p.PortsAverage)));
    }

    [Fact]
    public void The_process_series_follows_one_pid_raw_and_rolled_up()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        for (var i = 0; i < 4; i++)
        {
            store.Append(BusyHost.Sample(i, TimeSpan.FromSeconds(30)));
        }

        var raw = store.ProcessSeries(BusyHost.Start, BusyHost.Start.AddHours(1), SeriesResolution.Raw, pid: 1000);
        var minute = store.ProcessSeries(BusyHost.Start, BusyHost.Start.AddHours(1), SeriesResolution.Minute, pid: 1000);

        Assert.Equal([100, 103, 106, 109], raw.Select(p => p.PortsMax));
        Assert.All(raw, p => Assert.Equal(("leaky-worker", BusyHost.Start.AddHours(-3)), (p.Name, p.StartTime!.Value)));
        Assert.Equal([(2, 100, 103, 101.5), (2, 106, 109, 107.5)], minute.Select(p => (p.Samples, p.PortsMin, p.PortsMax, p.PortsAverage)));
        Assert.Equal(20, store.ProcessSeries(BusyHost.Start, BusyHost.Start.AddSeconds(1), SeriesResolution.Raw).Count);
    }

    [Fact]
    public void Connections_come_back_with_the_time_they_were_seen()
    {
        using var store = HistoryStore.Open(_dir.File("history.db"));
        store.Append(BusyHost.Sample(0, Minute, connections: 2));
        store.Append(BusyHost.Sample(1, Minute, connections: 1));

        var seen = store.QueryConnections(BusyHost.Start, BusyHost.Start.AddHours(1));

        Assert.Equal(
            [(BusyHost.Start, 32768, 1000), (BusyHost.Start, 32769, 1001), (BusyHost.Start.AddMinutes(1), 32769, 1000)],
            seen.Select(c => (c.Time, c.Owner.Local.Port, c.Owner.Pid)));
    }

    [Fact]
    public void Connections_can_be_asked_for_by_4_tuple_on_a_read_only_store()
    {
        var path = _dir.File("history.db");
        using (var writer = HistoryStore.Open(path))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.Append(BusyHost.Sample(i, Minute, connections: 40));
            }
        }

        using var store = HistoryStore.OpenReadOnly(path);
        var all = store.QueryConnections(BusyHost.Start, BusyHost.Start.AddHours(1));
        var wanted = all.Select(c => (c.Owner.Local, c.Owner.Remote)).Distinct().Where((_, i) => i % 7 == 3).ToList();
        var missing = (new Endpoint("10.99.99.99", 1), new Endpoint("10.99.99.98", 2));

        var seen = store.QueryConnections(BusyHost.Start, BusyHost.Start.AddHours(1), [.. wanted, missing]);

        Assert.NotEmpty(wanted);
        Assert.Equal(all.Where(c => wanted.Contains((c.Owner.Local, c.Owner.Remote))), seen);
        Assert.Empty(store.QueryConnections(BusyHost.Start, BusyHost.Start.AddHours(1), []));
        // The temporary table is emptied after each question: a second, narrower one sees only its own tuples.
        Assert.Equal(all.Where(c => c.Owner.Local == wanted[0].Local && c.Owner.Remote == wanted[0].Remote), store.QueryConnections(BusyHost.Start, BusyHost.Start.AddHours(1), [wanted[0]]));
    }

    [Fact]
    public void Export_copies_the_samples_since_a_time_masked_into_a_new_file_while_the_writer_runs()
    {
        var path = _dir.File("history.db");
        using var writer = HistoryStore.Open(path);
        for (var i = 0; i < 10; i++)
        {
            writer.Append(BusyHost.Sample(i, Minute, connections: 5));
        }

        var target = _dir.File("export.db");
        var copied = HistoryStore.Export(path, target, BusyHost.Start.AddMinutes(4), text => text.Replace("10.", "masked-", StringComparison.Ordinal));

        Assert.Equal(6, copied);
        using var export = HistoryStore.OpenReadOnly(target);
        var samples = export.Query(BusyHost.Start, BusyHost.Start.AddHours(1));
        Assert.Equal(writer.Query(BusyHost.Start.AddMinutes(4), BusyHost.Start.AddHours(1)).Select(s => (s.Time, s.Processes.Count, s.Pools.Count)), samples.Select(s => (s.Time, s.Processes.Count, s.Pools.Count)));
        Assert.All(samples.SelectMany(s => s.Connections), c => Assert.StartsWith("masked-", c.Local.Address, StringComparison.Ordinal));
        Assert.Equal(BusyHost.Start.AddMinutes(9), export.LastSampleTime());
        Assert.Throws<HistoryFormatException>(() => HistoryStore.Export(path, target, BusyHost.Start));
        Assert.Throws<HistoryFormatException>(() => HistoryStore.Export(_dir.File("none.db"), _dir.File("other.db"), BusyHost.Start));
        Assert.False(File.Exists(_dir.File("other.db")));
    }

    [Fact]
    public void A_reader_sees_what_the_running_writer_committed_and_cannot_append()
    {
        var path = _dir.File("history.db");
        using var writer = HistoryStore.Open(path);
        writer.Append(BusyHost.Sample(0, Minute));
        using var reader = HistoryStore.OpenReadOnly(path);
        writer.Append(BusyHost.Sample(1, Minute));

        Assert.Equal(2, reader.Query(BusyHost.Start, BusyHost.Start.AddDays(1)).Count);
        Assert.False(reader.IsWriter);
        Assert.Throws<InvalidOperationException>(() => reader.Append(BusyHost.Sample(2, Minute)));
    }

    internal static HostSample TwoPools(DateTimeOffset time, int tcp, int udp) => new(time, "h")
    {
        Pools = [new PoolSample(TransportProtocol.Tcp, null, 100, tcp), new PoolSample(TransportProtocol.Udp, null, 100, udp)],
    };

    internal static string Pragma(HistoryStore store, string name)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
