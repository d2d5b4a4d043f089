namespace PortDoctor.Cli.Output.Report;

/// <summary>`report --format json` (docs/cli.md, report): stable.</summary>
internal sealed record ReportJson(
    string Source, long Samples, DateTimeOffset? From, DateTimeOffset? To, string? Pool, int Capacity,
    ReportForecastJson Forecast, IReadOnlyList<ReportProcessJson> Processes, IReadOnlyList<ReportChangeJson> ChangePoints);
