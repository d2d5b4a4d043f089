namespace PortDoctor.Reporting.Charts;

/// <summary>
/// What the report's charts draw, as plain data the report verb maps its model to.
/// </summary>
/// <param name="PoolName">The headline pool, for titles ("TCP IPv4, 28,232 ports").</param>
/// <param name="Utilization">The headline pool's utilization per sample, in percent, time order.</param>
/// <param name="Forecast">The forecast to draw with its band, or null when there is none.</param>
/// <param name="Processes">The top processes' owned ports per sample (stacked).</param>
/// <param name="States">Counts per state per sample: sockets, or ports (see <paramref name="StatesUnit"/>).</param>
/// <param name="StatesUnit">What <paramref name="States"/> counts, plural: "sockets" or "ports".</param>
public sealed record ReportChartData(
    string PoolName,
    IReadOnlyList<ChartPoint> Utilization,
    ChartForecast? Forecast,
    IReadOnlyList<NamedSeries> Processes,
    IReadOnlyList<NamedSeries> States,
    string StatesUnit = "sockets");
