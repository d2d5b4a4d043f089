namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>The forecaster's thresholds; the defaults are the documented method (docs/cli.md, report).</summary>
public sealed record ForecastOptions
{
    public static readonly ForecastOptions Default = new();

    /// <summary>The fitted window must span at least this long...</summary>
    public TimeSpan MinimumWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>...and hold at least this many samples.</summary>
    public int MinimumSamples { get; init; } = 20;

    /// <summary>A straight line must explain at least this share of the window's variance (R²).</summary>
    public double MinimumRSquared { get; init; } = 0.7;

    /// <summary>Mann-Kendall z a monotone trend must reach (2.576: p &lt; 0.01 two-sided), after the autocorrelation correction.</summary>
    public double TrendZ { get; init; } = 2.576;

    /// <summary>z of the slope's band (1.96: a 95 % rank-based interval of the Sen slope).</summary>
    public double BandZ { get; init; } = 1.96;

    /// <summary>The level must be at least this share of capacity (percent) for an ETA to be given.</summary>
    public double MinimumLevelPercent { get; init; } = 1;

    /// <summary>The window must have grown by at least this many ports: a few ports are noise, not a leak.</summary>
    public int MinimumRise { get; init; } = 10;

    /// <summary>Resets seen before the newest segment that make a sawtooth (GC-like) rather than a leak.</summary>
    public int SawtoothResets { get; init; } = 3;

    /// <summary>Windows with more samples are fitted on this many equal-count bins (the fit is quadratic in points).</summary>
    public int MaxFitPoints { get; init; } = 600;
}
