namespace PortDoctor.Cli.Output.Report;

/// <summary>The headline pool's forecast: the ETA and its band in seconds from the last sample, or nulls and the reason.</summary>
internal sealed record ReportForecastJson(
    double? EtaSeconds, double? EtaLowSeconds, double? EtaHighSeconds, double? RatePerHour, string? Method, ReportWindowJson? Window, string? Reason, string Detail)
{
    public double? RatePerHourLow { get; init; }

    public double? RatePerHourHigh { get; init; }

    public double? RSquared { get; init; }

    public double? TimeWaitLevel { get; init; }
}
