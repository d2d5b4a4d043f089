using Microsoft.Data.Sqlite;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Core.Trends.Reporting;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>The headline pool's ports and utilization with since &lt;= time &lt; until, oldest first: one indexed read, no child rows.</summary>
    public IReadOnlyList<SeriesPoint> HeadlineSeries(DateTimeOffset since, DateTimeOffset until, SeriesResolution resolution = SeriesResolution.Auto) => Guard(Path, () =>
    {
        var tier = Tier(resolution, since);
        using var command = tier == 0
            ? Command("""
                SELECT time_ms, 1, headline_ports, headline_ports, headline_ports,
                  100.0 * headline_ports / max(headline_capacity, 1), 100.0 * headline_ports / max(headline_capacity, 1), 100.0 * headline_ports / max(headline_capacity, 1)
                FROM sample WHERE time_ms >= $1 AND time_ms < $2 AND headline_ports IS NOT NULL ORDER BY time_ms, id
                """, UnixMs.Of(since), UnixMs.Of(until))
            : Command("""
                SELECT bucket_ms, samples, ports_min, ports_max, 1.0 * ports_sum / samples, util_min, util_max, util_sum / samples
                FROM host_rollup WHERE tier = $3 AND bucket_ms >= $1 AND bucket_ms < $2 ORDER BY bucket_ms
                """, BucketStart(tier, since), UnixMs.Of(until), tier);
        using var r = command.ExecuteReader();
        var points = new List<SeriesPoint>();
        while (r.Read())
        {
            points.Add(new SeriesPoint(UnixMs.ToTime(r.GetInt64(0)), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetDouble(4))
            {
                UtilizationMin = Math.Round(r.GetDouble(5), 1),
                UtilizationMax = Math.Round(r.GetDouble(6), 1),
                UtilizationAverage = Math.Round(r.GetDouble(7), 1),
            });
        }

        return points;
    });

    /// <summary>Per-process ports with since &lt;= time &lt; until (one PID, or every top process), in time order.</summary>
    public IReadOnlyList<ProcessSeriesPoint> ProcessSeries(
        DateTimeOffset since, DateTimeOffset until, SeriesResolution resolution = SeriesResolution.Auto, int? pid = null) =>
        ReadProcesses(since, until, resolution, pid, static (r, name) => new ProcessSeriesPoint(
            UnixMs.ToTime(r.GetInt64(0)), r.GetInt32(1), StartTime(r), name, r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetDouble(7)));

    /// <summary>
    /// Every top process's ports (the bucket's mean, rounded, from a rollup) with since &lt;= time &lt; until, in time order:
    /// what the report forecasts, read without an intermediate point per row.
    /// </summary>
    public IReadOnlyList<ProcessPoint> ProcessPoints(DateTimeOffset since, DateTimeOffset until, SeriesResolution resolution = SeriesResolution.Auto) =>
        ReadProcesses(since, until, resolution, null, static (r, name) => new ProcessPoint(
            UnixMs.ToTime(r.GetInt64(0)), r.GetInt32(1), StartTime(r), name, (int)Math.Round(r.GetDouble(7))));

    /// <summary>
    /// The headline pool's sockets per state at each raw sample with since &lt;= time &lt; until, in time
    /// order: the pool <see cref="HostSample.Headline"/> picks (fullest, then most ports). Rollups keep
    /// no states, so samples retention already purged have none.
    /// </summary>
    public IReadOnlyList<StateSample> HeadlineStates(DateTimeOffset since, DateTimeOffset until) => Guard(Path, () =>
    {
        using var command = Command("""
            SELECT s.time_ms, p.capacity, p.ports, p.states FROM sample s JOIN pool p ON p.sample_id = s.id
            WHERE s.time_ms >= $1 AND s.time_ms < $2 ORDER BY s.time_ms, s.id, p.protocol, p.family
            """, UnixMs.Of(since), UnixMs.Of(until));
        using var r = command.ExecuteReader();
        var states = new List<StateSample>();
        (long Time, double Utilization, int Ports, string States)? best = null;
        while (r.Read())
        {
            var (time, capacity, ports) = (r.GetInt64(0), r.GetInt32(1), r.GetInt32(2));
            var utilization = new PoolSample(TransportProtocol.Tcp, null, capacity, ports).UtilizationPercent;
            if (best is { } b && b.Time != time)
            {
                states.Add(StateSample.From(UnixMs.ToTime(b.Time), CountsText.ParseStates(b.States)));
                best = null;
            }

            if (best is not { } current || utilization > current.Utilization || (utilization == current.Utilization && ports > current.Ports))
            {
                best = (time, utilization, ports, r.GetString(3));
            }
        }

        if (best is { } last)
        {
            states.Add(StateSample.From(UnixMs.ToTime(last.Time), CountsText.ParseStates(last.States)));
        }

        return states;
    });

    /// <summary>Process rows of raw samples or a rollup tier; each distinct name is one string, however many rows carry it.</summary>
    private List<T> ReadProcesses<T>(
        DateTimeOffset since, DateTimeOffset until, SeriesResolution resolution, int? pid, Func<SqliteDataReader, string, T> map) => Guard(Path, () =>
    {
        var tier = Tier(resolution, since);
        using var command = tier == 0
            ? Command("""
                SELECT s.time_ms, p.pid, ifnull(p.start_ms, 0), p.name, 1, p.ports, p.ports, p.ports
                FROM sample s JOIN process p ON p.sample_id = s.id
                WHERE s.time_ms >= $1 AND s.time_ms < $2 AND ($3 < 0 OR p.pid = $3) ORDER BY s.time_ms, s.id, p.rank
                """, UnixMs.Of(since), UnixMs.Of(until), pid ?? -1)
            : Command("""
                SELECT bucket_ms, pid, start_ms, name, samples, ports_min, ports_max, 1.0 * ports_sum / samples
                FROM process_rollup WHERE tier = $4 AND bucket_ms >= $1 AND bucket_ms < $2 AND ($3 < 0 OR pid = $3)
                ORDER BY bucket_ms, ports_max DESC, pid
                """, BucketStart(tier, since), UnixMs.Of(until), pid ?? -1, tier);
        using var r = command.ExecuteReader();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var points = new List<T>();
        while (r.Read())
        {
            var name = r.GetString(3);
            if (!names.TryGetValue(name, out var shared))
            {
                names[name] = shared = name;
            }

            points.Add(map(r, shared));
        }

        return points;
    });

    /// <summary>Column 2 of a process row: the start time, 0 when unknown (as rollup keys have it), so a row costs no NULL test.</summary>
    private static DateTimeOffset? StartTime(SqliteDataReader r) => r.GetInt64(2) is var ms and not 0 ? UnixMs.ToTime(ms) : null;

    /// <summary>
    /// 0 for raw samples, else the rollup tier (1 minute, 2 hour). Auto keeps the finest tier unless
    /// retention purged it after <paramref name="since"/> while a coarser tier still has older buckets.
    /// </summary>
    private int Tier(SeriesResolution resolution, DateTimeOffset since)
    {
        switch (resolution)
        {
            case SeriesResolution.Raw: return 0;
            case SeriesResolution.Minute: return 1;
            case SeriesResolution.Hour: return 2;
        }

        var start = UnixMs.Of(since);
        var raw = Oldest("SELECT min(time_ms) FROM sample");
        var minute = Oldest("SELECT min(bucket_ms) FROM host_rollup WHERE tier = 1");
        if (start >= raw || minute >= UnixMs.Floor(raw, SampleWriter.MinuteMs))
        {
            return 0;
        }

        var hour = Oldest("SELECT min(bucket_ms) FROM host_rollup WHERE tier = 2");
        return start >= minute || hour >= UnixMs.Floor(minute, SampleWriter.HourMs) ? 1 : 2;
    }

    /// <summary>The start of the bucket holding <paramref name="since"/>, so a range starting mid-bucket keeps that bucket.</summary>
    private static long BucketStart(int tier, DateTimeOffset since) =>
        UnixMs.Floor(UnixMs.Of(since), SampleWriter.Tiers[tier - 1].WidthMs);

    private long Oldest(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar() is long ms ? ms : long.MaxValue;
    }
}
