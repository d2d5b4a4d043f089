namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// What the forecaster concluded for one series: an ETA, or none with a typed reason and a line
/// saying why; the fit it made (rate and band, also without an ETA) and the change points found.
/// </summary>
public sealed record ForecastResult
{
    public Forecast? Forecast { get; init; }

    /// <summary><see cref="NoForecastReason.None"/> exactly when <see cref="Forecast"/> is set.</summary>
    public NoForecastReason Reason { get; init; }

    /// <summary>One line: the basis of the ETA, or why there is none.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The newest window's fit, when it had enough samples for one.</summary>
    public TrendFit? Fit { get; init; }

    public IReadOnlyList<ChangePoint> ChangePoints { get; init; } = [];

    /// <summary>True when the newest window grows as a leak does (monotone, linear, not a cycle, plateau or sawtooth), whatever its level.</summary>
    public bool Growing => Reason is NoForecastReason.None or NoForecastReason.LevelTooLow;
}
