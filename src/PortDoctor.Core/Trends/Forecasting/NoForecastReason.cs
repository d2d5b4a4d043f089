namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>Why a series got no ETA (wire names in <see cref="ForecastNames"/>).</summary>
public enum NoForecastReason
{
    None,
    NoSamples,
    NoCapacity,
    WindowTooShort,
    NotGrowing,
    PoorFit,
    Plateau,
    Sawtooth,
    DailyCycle,
    LevelTooLow,
}
