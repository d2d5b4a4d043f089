using System.Globalization;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// Per-process forecasts: one series per process name, so a new PID with the same name continues
/// it (a restart change point); several PIDs of one name at once are summed. Most suspicious first:
/// leaks, then the fastest growth, then the most ports.
/// </summary>
internal static class ProcessTrends
{
    public static IReadOnlyList<ProcessTrend> Analyze(IReadOnlyList<ProcessPoint> points, int capacity, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var byName = new Dictionary<string, List<ProcessPoint>>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (!byName.TryGetValue(point.Name, out var list))
            {
                byName[point.Name] = list = [];
            }

            list.Add(point);
        }

        // Each name's forecast is independent and pure: one per core (a month of samples is 20 of 43,200 points each).
        var names = byName.ToArray();
        var trends = new ProcessTrend[names.Length];
        Parallel.For(0, names.Length, i =>
        {
            var (name, named) = names[i];
            var (series, latest) = Series(named);
            var result = Forecaster.Forecast(series, capacity, options);
            trends[i] = new ProcessTrend(latest.Pid, name, series[^1].Ports, result.Fit?.PerHour, TrendShapes.Of(result), result);
        });

        return [.. trends
            .OrderByDescending(t => t.Leak)
            .ThenByDescending(t => t.GrowthPerHour ?? double.MinValue)
            .ThenByDescending(t => t.PortsLatest)
            .ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// One sample per moment (the ports of every PID of the name then, summed), in time order, and
    /// the PID with the most ports at the last moment. One pass over points already in time order
    /// (as history and logs give them); the instance text is reused while the instances stay the same.
    /// </summary>
    private static (List<SeriesSample> Series, ProcessPoint Latest) Series(List<ProcessPoint> named)
    {
        if (!IsInTimeOrder(named))
        {
            named = [.. named.OrderBy(p => p.Time)];
        }

        var series = new List<SeriesSample>();
        var moment = new List<ProcessPoint>();
        ProcessPoint? latest = null;
        string? instance = null;
        var previous = new List<ProcessPoint>();
        for (var i = 0; i < named.Count; i++)
        {
            moment.Add(named[i]);
            if (i + 1 < named.Count && named[i + 1].Time == named[i].Time)
            {
                continue;
            }

            moment.Sort(static (a, b) => a.Ports != b.Ports ? b.Ports.CompareTo(a.Ports) : a.Pid.CompareTo(b.Pid));
            if (instance is null || !SameInstances(moment, previous))
            {
                instance = string.Join(",", moment.Select(Instance).Order(StringComparer.Ordinal));
            }

            var ports = 0;
            foreach (var p in moment)
            {
                ports += p.Ports;
            }

            series.Add(new SeriesSample(named[i].Time, ports) { Instance = instance });
            latest = moment[0];
            (previous, moment) = (moment, previous);
            moment.Clear();
        }

        return (series, latest!);
    }

    private static bool IsInTimeOrder(List<ProcessPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time < points[i - 1].Time)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same single instance as the moment before (several at once are rare: their text is built again).</summary>
    private static bool SameInstances(List<ProcessPoint> moment, List<ProcessPoint> previous) =>
        moment.Count == 1 && previous.Count == 1 && moment[0].Pid == previous[0].Pid && moment[0].StartTime == previous[0].StartTime;

    private static string Instance(ProcessPoint p) =>
        p.StartTime is { } start ? string.Create(CultureInfo.InvariantCulture, $"pid {p.Pid} started {start:u}") : string.Create(CultureInfo.InvariantCulture, $"pid {p.Pid}");
}
