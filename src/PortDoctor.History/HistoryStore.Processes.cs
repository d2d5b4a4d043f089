using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>
    /// Every top process's ports with since &lt;= time &lt; until, in time order: the last
    /// <paramref name="fine"/> before the newest sample and the hour of the oldest (so the series
    /// starts at its first sample) at the finest tier the store has, the whole hours between from the 1-hour rollup,
    /// one point per process at the middle of its hour (its mean, rounded). An hour in which one name
    /// has two instances (a restart, or several PIDs at once) is read at the finest tier instead, so
    /// a restart keeps its moment and instances are never summed over different samples.
    /// What `report` forecasts over long ranges: a month is some 700 hourly points per process, not 43,200.
    /// </summary>
    public IReadOnlyList<ProcessPoint> ProcessPoints(DateTimeOffset since, DateTimeOffset until, TimeSpan fine) => Guard(Path, () =>
    {
        var (oldest, newest) = (Edge("min", ">=", UnixMs.Of(since)), Edge("max", "<", UnixMs.Of(until)));
        if (oldest is not { } first || newest is not { } last)
        {
            return ProcessPoints(since, until);
        }

        var hours = UnixMs.Floor(first, SampleWriter.HourMs) + SampleWriter.HourMs;
        var cut = UnixMs.Floor(last - (long)fine.TotalMilliseconds, SampleWriter.HourMs);
        if (cut <= hours)
        {
            return ProcessPoints(since, until);
        }

        var points = new List<ProcessPoint>();
        points.AddRange(ProcessPoints(since, UnixMs.ToTime(hours)));
        foreach (var bucket in HourBuckets(hours, cut))
        {
            if (bucket.Points is { } hourly)
            {
                points.AddRange(hourly);
            }
            else
            {
                points.AddRange(ProcessPoints(UnixMs.ToTime(bucket.Start), UnixMs.ToTime(bucket.Start + SampleWriter.HourMs)));
            }
        }

        points.AddRange(ProcessPoints(UnixMs.ToTime(cut), until));
        return points;
    });

    /// <summary>The 1-hour buckets with from &lt;= start &lt; to, oldest first; Points null where one name has several instances.</summary>
    private List<(long Start, List<ProcessPoint>? Points)> HourBuckets(long from, long to)
    {
        using var command = Command("""
            SELECT bucket_ms, pid, start_ms, name, 1.0 * ports_sum / samples
            FROM process_rollup WHERE tier = 2 AND bucket_ms >= $1 AND bucket_ms < $2 ORDER BY bucket_ms, ports_max DESC, pid
            """, from, to);
        using var r = command.ExecuteReader();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buckets = new List<(long Start, List<ProcessPoint>? Points)>();
        List<ProcessPoint>? current = null;
        var start = long.MinValue;
        while (r.Read())
        {
            var bucket = r.GetInt64(0);
            if (bucket != start)
            {
                buckets.Add((start = bucket, current = []));
                seen.Clear();
            }

            var name = r.GetString(3);
            if (!names.TryGetValue(name, out var shared))
            {
                names[name] = shared = name;
            }

            if (!seen.Add(shared))
            {
                buckets[^1] = (bucket, current = null); // Two instances of one name in this hour: read it finer.
            }

            current?.Add(new ProcessPoint(
                UnixMs.ToTime(bucket + (SampleWriter.HourMs / 2)), r.GetInt32(1), StartTime(r), shared, (int)Math.Round(r.GetDouble(4))));
        }

        return buckets;
    }

    /// <summary>The oldest (min, &gt;=) or newest (max, &lt;) sample time on that side of <paramref name="ms"/>, raw or 1-minute bucket (retention may have purged the raw).</summary>
    private long? Edge(string aggregate, string side, long ms)
    {
        using var raw = Command($"SELECT {aggregate}(time_ms) FROM sample WHERE time_ms {side} $1", ms);
        using var minute = Command($"SELECT {aggregate}(bucket_ms) FROM host_rollup WHERE tier = 1 AND bucket_ms {side} $1", ms);
        long?[] found = [raw.ExecuteScalar() as long?, minute.ExecuteScalar() as long?];
        return aggregate == "min" ? found.Min() : found.Max();
    }
}
