namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// One process (by name, across restarts) over a series: its latest PID and ports, the rate of its
/// newest segment (null when too short to fit), whether it grows as a leak does, and its forecast.
/// </summary>
public sealed record ProcessTrend(int Pid, string Name, int PortsLatest, double? GrowthPerHour, TrendShape Shape, ForecastResult Forecast)
{
    public bool Leak => Shape == TrendShape.Leak;

    public int Restarts => Forecast.ChangePoints.Count(c => c.Kind == ChangeKind.Restart);
}
