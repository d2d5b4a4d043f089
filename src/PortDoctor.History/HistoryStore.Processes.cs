using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>
    /// Every top process's ports with since &lt;= time &lt; until, in time order: the last
    /// <paramref name="fine"/> before the newest sample and the hour of the oldest (so the series
    /// starts at its first sample) at the finest tier the store has, the whole hours between from the 1-hour rollup,
    /// one point per process at the middle of its hour (its mean, rounded). An hour in which one name
    /// has several instances not all in every sample of the hour (a restart, a PID leaving the top
    /// processes) is read at the finest tier instead, so a restart keeps its moment and instances are
    /// never summed over different samples; PIDs of one name present throughout (workers) stay hourly.
    /// What `report` forecasts over long ranges: a month of one-minute samples is some 2,250 points per process (700 of them hourly), not 43,200.
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

    /// <summary>The 1-hour buckets with from &lt;= start &lt; to, oldest first; Points null where the hour must be read finer.</summary>
    private List<(long Start, List<ProcessPoint>? Points)> HourBuckets(long from, long to)
    {
        using var command = Command("""
            SELECT p.bucket_ms, p.pid, p.start_ms, p.name, 1.0 * p.ports_sum / p.samples, p.samples >= ifnull(h.samples, p.samples + 1)
            FROM process_rollup p LEFT JOIN host_rollup h ON h.tier = 2 AND h.bucket_ms = p.bucket_ms
            WHERE p.tier = 2 AND p.bucket_ms >= $1 AND p.bucket_ms < $2 ORDER BY p.bucket_ms, p.ports_max DESC, p.pid
            """, from, to);
        using var r = command.ExecuteReader();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal); // name -> its instances so far were in every sample
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

            var throughout = r.GetBoolean(5);
            if (seen.TryGetValue(shared, out var earlier))
            {
                throughout &= earlier;
                if (!throughout)
                {
                    buckets[^1] = (bucket, current = null); // One name, instances in different samples: read the hour finer.
                }
            }

            seen[shared] = throughout;

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
