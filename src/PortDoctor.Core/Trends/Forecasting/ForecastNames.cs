namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>Wire names of the forecast's enums (JSON, CSV): stable, documented in docs/cli.md.</summary>
public static class ForecastNames
{
    public static string ToName(this NoForecastReason reason) => reason switch
    {
        NoForecastReason.None => "none",
        NoForecastReason.NoSamples => "no-samples",
        NoForecastReason.NoCapacity => "no-capacity",
        NoForecastReason.WindowTooShort => "window-too-short",
        NoForecastReason.NotGrowing => "not-growing",
        NoForecastReason.PoorFit => "poor-fit",
        NoForecastReason.Plateau => "plateau",
        NoForecastReason.Sawtooth => "sawtooth",
        NoForecastReason.DailyCycle => "daily-cycle",
        NoForecastReason.LevelTooLow => "level-too-low",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static string ToName(this ChangeKind kind) => kind switch
    {
        ChangeKind.Restart => "restart",
        ChangeKind.Drop => "drop",
        ChangeKind.LevelShift => "level-shift",
        ChangeKind.RangeChange => "range-change",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ToName(this TrendShape shape) => shape switch
    {
        TrendShape.Leak => "leak",
        TrendShape.Flat => "flat",
        TrendShape.Shrinking => "shrinking",
        TrendShape.Plateau => "plateau",
        TrendShape.Sawtooth => "sawtooth",
        TrendShape.DailyCycle => "daily-cycle",
        TrendShape.Irregular => "irregular",
        TrendShape.TooShort => "too-short",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
