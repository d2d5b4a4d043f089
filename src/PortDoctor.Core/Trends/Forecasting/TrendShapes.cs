namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>Reads a forecast result as a shape.</summary>
internal static class TrendShapes
{
    /// <summary>The shape a forecast result describes.</summary>
    public static TrendShape Of(ForecastResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Reason switch
        {
            NoForecastReason.None or NoForecastReason.LevelTooLow => TrendShape.Leak,
            NoForecastReason.Plateau => TrendShape.Plateau,
            NoForecastReason.Sawtooth => TrendShape.Sawtooth,
            NoForecastReason.DailyCycle => TrendShape.DailyCycle,
            NoForecastReason.PoorFit => TrendShape.Irregular,
            NoForecastReason.NotGrowing when result.Fit is { PerHourHigh: < 0 } => TrendShape.Shrinking,
            NoForecastReason.NotGrowing => TrendShape.Flat,
            _ => TrendShape.TooShort,
        };
    }
}
