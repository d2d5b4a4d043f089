using Microsoft.Data.Sqlite;

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
        DateTimeOffset since, DateTimeOffset until, SeriesResolution resolution = SeriesResolution.Auto, int? pid = null) => Guard(Path, () =>
    {
        var tier = Tier(resolution, since);
        using var command = tier == 0
            ? Command("""
                SELECT s.time_ms, p.pid, p.start_ms, p.name, 1, p.ports, p.ports, p.ports
                FROM sample s JOIN process p ON p.sample_id = s.id
                WHERE s.time_ms >= $1 AND s.time_ms < $2 AND ($3 < 0 OR p.pid = $3) ORDER BY s.time_ms, s.id, p.rank
                """, UnixMs.Of(since), UnixMs.Of(until), pid ?? -1)
            : Command("""
                SELECT bucket_ms, pid, nullif(start_ms, 0), name, samples, ports_min, ports_max, 1.0 * ports_sum / samples
                FROM process_rollup WHERE tier = $4 AND bucket_ms >= $1 AND bucket_ms < $2 AND ($3 < 0 OR pid = $3)
                ORDER BY bucket_ms, ports_max DESC, pid
                """, BucketStart(tier, since), UnixMs.Of(until), pid ?? -1, tier);
        using var r = command.ExecuteReader();
        var points = new List<ProcessSeriesPoint>();
        while (r.Read())
        {
            points.Add(new ProcessSeriesPoint(
                UnixMs.ToTime(r.GetInt64(0)), r.GetInt32(1), NullableTime(r, 2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetDouble(7)));
        }

        return points;
    });

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
