namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// A robust line through one window: the Theil-Sen slope with its rank-based band, the level the
/// line reaches at the window's end, R², and the Mann-Kendall z of the monotone trend (both
/// corrected for the residuals' lag-1 autocorrelation).
/// </summary>
public sealed record TrendFit(
    DateTimeOffset Start, DateTimeOffset End, int Samples, double PerHour, double PerHourLow, double PerHourHigh, double LevelAtEnd)
{
    public double RSquared { get; init; }

    public double TrendZ { get; init; }

    public double Rise => PerHour * (End - Start).TotalHours;
}
