namespace PortDoctor.Reporting.Charts;

/// <summary>
/// Fits long series to a chart's width: a week of one-minute samples is 10,080 points for about
/// a thousand pixels.
/// </summary>
internal static class Downsampling
{
    /// <summary>
    /// The minimum and maximum of each of <paramref name="buckets"/> equal time spans, in the order
    /// they occurred: a line through them looks like the whole series at that width (every spike
    /// and dip stays), with at most two points per bucket.
    /// </summary>
    public static IReadOnlyList<ChartPoint> MinMax(IReadOnlyList<ChartPoint> points, int buckets)
    {
        if (points.Count <= buckets * 2)
        {
            return points;
        }

        var result = new List<ChartPoint>(buckets * 2);
        var grid = new TimeGrid(points[0].Time, points[^1].Time, buckets);
        int start = 0;
        while (start < points.Count)
        {
            int bucket = grid.BucketOf(points[start].Time);
            int end = start;
            int min = start, max = start;
            while (end < points.Count && grid.BucketOf(points[end].Time) == bucket)
            {
                if (points[end].Value < points[min].Value) min = end;
                if (points[end].Value > points[max].Value) max = end;
                end++;
            }

            result.Add(points[Math.Min(min, max)]);
            if (min != max)
            {
                result.Add(points[Math.Max(min, max)]);
            }

            start = end;
        }

        return result;
    }

    /// <summary>
    /// Every series on one time axis: the distinct sample times when all series together have at
    /// most <paramref name="buckets"/> points, else equal time spans (a bucket's time is its
    /// middle). A series' value in a bucket is the mean of its points there, 0 where it has none;
    /// buckets where no series has a point (the monitor was not running) are left out.
    /// </summary>
    public static SeriesGrid Means(IReadOnlyList<NamedSeries> series, int buckets)
    {
        var all = series.SelectMany(s => s.Points);
        if (!all.Any())
        {
            return new SeriesGrid([], series.Select(_ => Array.Empty<double>()).ToArray());
        }

        DateTimeOffset[]? exact = series.Sum(s => s.Points.Count) <= buckets
            ? all.Select(p => p.Time).Distinct().Order().ToArray()
            : null;
        var grid = new TimeGrid(all.Min(p => p.Time), all.Max(p => p.Time), buckets);
        int width = exact?.Length ?? buckets;
        var sums = series.Select(_ => new double[width]).ToArray();
        var counts = series.Select(_ => new int[width]).ToArray();
        var used = new bool[width];
        for (int s = 0; s < series.Count; s++)
        {
            foreach (var point in series[s].Points)
            {
                int slot = exact is null ? grid.BucketOf(point.Time) : Array.BinarySearch(exact, point.Time);
                sums[s][slot] += point.Value;
                counts[s][slot]++;
                used[slot] = true;
            }
        }

        var kept = Enumerable.Range(0, width).Where(i => used[i]).ToArray();
        var keptTimes = kept.Select(i => exact is null ? grid.Middle(i) : exact[i]).ToArray();
        var values = series.Select((_, s) => kept.Select(i => counts[s][i] == 0 ? 0 : sums[s][i] / counts[s][i]).ToArray())
            .ToArray();
        return new SeriesGrid(keptTimes, values);
    }
}
