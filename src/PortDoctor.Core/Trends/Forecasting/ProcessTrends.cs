using System.Globalization;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// Per-process forecasts: one series per process name, so a new PID with the same name continues
/// it (a restart change point); several PIDs of one name at once are summed. Most suspicious first:
/// leaks, then the fastest growth, then the most ports.
/// </summary>
public static class ProcessTrends
{
    public static IReadOnlyList<ProcessTrend> Analyze(IReadOnlyList<ProcessPoint> points, int capacity, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var trends = new List<ProcessTrend>();
        foreach (var named in points.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var series = new List<SeriesSample>();
            var latest = new List<ProcessPoint>();
            foreach (var moment in named.GroupBy(p => p.Time).OrderBy(g => g.Key))
            {
                latest = [.. moment.OrderByDescending(p => p.Ports).ThenBy(p => p.Pid)];
                var instance = string.Join(",", latest.Select(Instance).Order(StringComparer.Ordinal));
                series.Add(new SeriesSample(moment.Key, latest.Sum(p => p.Ports)) { Instance = instance });
            }

            var result = Forecaster.Forecast(series, capacity, options);
            trends.Add(new ProcessTrend(latest[0].Pid, named.Key, series[^1].Ports, result.Fit?.PerHour, TrendShapes.Of(result), result));
        }

        return [.. trends
            .OrderByDescending(t => t.Leak)
            .ThenByDescending(t => t.GrowthPerHour ?? double.MinValue)
            .ThenByDescending(t => t.PortsLatest)
            .ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static string Instance(ProcessPoint p) =>
        p.StartTime is { } start ? string.Create(CultureInfo.InvariantCulture, $"pid {p.Pid} started {start:u}") : string.Create(CultureInfo.InvariantCulture, $"pid {p.Pid}");
}
