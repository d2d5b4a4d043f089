using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Trends.Reporting;

/// <summary>
/// What `portdoctor report` says, as plain data every view renders (table, JSON, CSV, HTML): the
/// span read, the headline pool and its series, the forecast (or why none), the processes most
/// suspicious first with their series, and every change point found.
/// </summary>
public sealed record ReportModel(string Source, long Samples, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The headline pool's name ("tcp4", "tcp") when known.</summary>
    public string? Pool { get; init; }

    public int Capacity { get; init; }

    /// <summary>The headline pool's ports per sample (as fitted), oldest first.</summary>
    public IReadOnlyList<SeriesSample> Series { get; init; } = [];

    public ForecastResult Forecast { get; init; } = new();

    /// <summary>Most suspicious first: leaks, then the fastest growth, then the most ports.</summary>
    public IReadOnlyList<ProcessTrend> Processes { get; init; } = [];

    /// <summary>The processes' ports per sample (the top ones), for charts.</summary>
    public IReadOnlyList<ProcessPoint> ProcessSeries { get; init; } = [];

    /// <summary>The headline pool's sockets per state per sample, for the chart (empty when the source has none).</summary>
    public IReadOnlyList<StateSample> States { get; init; } = [];

    /// <summary>The pool's change points and each process's restarts, in time order.</summary>
    public IReadOnlyList<ReportChange> ChangePoints { get; init; } = [];
}
