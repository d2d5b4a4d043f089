namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// When the pool fills: seconds from the last sample (so an old log still gets its ETA), with the
/// band from the slope's uncertainty (<see cref="EtaLowSeconds"/> is the pessimistic edge alerts
/// use), the rate, the method and the window it was fitted on.
/// </summary>
public sealed record Forecast(
    double EtaSeconds, double EtaLowSeconds, double EtaHighSeconds, double RatePerHour, string Method, DateTimeOffset WindowStart, DateTimeOffset WindowEnd)
{
    public int Capacity { get; init; }

    /// <summary>The fitted level at the last sample, TIME_WAIT steady state included.</summary>
    public double Level { get; init; }

    /// <summary>The steady TIME_WAIT level counted against capacity (not extrapolated).</summary>
    public double TimeWaitLevel { get; init; }

    public double RSquared { get; init; }
}
