using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Trends.Reporting;

/// <summary>Builds a <see cref="ReportModel"/> from a headline series and per-process points, whatever their source.</summary>
public static class ReportBuilder
{
    public static ReportModel Build(
        string source, string? pool, int capacity, IReadOnlyList<SeriesSample> series, IReadOnlyList<ProcessPoint> processes, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(processes);
        var forecast = Forecaster.Forecast(series, capacity, options);
        var trends = ProcessTrends.Analyze(processes, capacity, options);
        var changes = forecast.ChangePoints.Select(c => new ReportChange(c.Time, c.Kind, c.Detail, null))
            .Concat(trends.SelectMany(t => t.Forecast.ChangePoints
                .Where(c => c.Kind == ChangeKind.Restart)
                .Select(c => new ReportChange(c.Time, c.Kind, c.Detail, t.Name))))
            .OrderBy(c => c.Time)
            .ToList();
        return new ReportModel(source, series.Count, series.Count > 0 ? series.Min(s => s.Time) : default, series.Count > 0 ? series.Max(s => s.Time) : default)
        {
            Pool = pool,
            Capacity = series.Count > 0 ? series.MaxBy(s => s.Time)!.Capacity ?? capacity : capacity,
            Series = series,
            Forecast = forecast,
            Processes = trends,
            ProcessSeries = processes,
            ChangePoints = changes,
        };
    }
}
