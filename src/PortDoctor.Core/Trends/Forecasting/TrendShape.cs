namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>What a process's newest segment looks like (wire names in <see cref="ForecastNames"/>).</summary>
public enum TrendShape
{
    /// <summary>Grows steadily: monotone, linear, not a plateau, cycle or sawtooth.</summary>
    Leak,
    Flat,
    Shrinking,
    Plateau,
    Sawtooth,
    DailyCycle,

    /// <summary>Moves, but not along a line (R² too low).</summary>
    Irregular,

    /// <summary>Too few samples or too short since its last change point to tell.</summary>
    TooShort,
}
