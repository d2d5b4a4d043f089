using System.Globalization;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// Time to exhaustion of one series (a pool's owned ports, or one process's), pure and
/// deterministic. Change points first (restart, drop, level shift, range change); only the newest
/// segment is fitted, with a Theil-Sen line and Sen's band, over at least
/// <see cref="ForecastOptions.MinimumWindow"/> and <see cref="ForecastOptions.MinimumSamples"/>.
/// Gates: a significant monotone trend, R², a recent part that still grows (else a plateau), a day-
/// over-day rise that supports the rate (else a daily cycle), an ETA shorter than the resets seen
/// (else a sawtooth), a level that matters. TIME_WAIT is a steady level against capacity, never a line.
/// </summary>
public static partial class Forecaster
{
    public const string Method = "theil-sen";
    public const string RecentMethod = "theil-sen-recent";

    /// <summary>Coefficient of variation of the time between resets up to which they are a sawtooth's regular period.</summary>
    private const double MaxCycleSpread = 0.25;

    /// <summary>Forecasts <paramref name="samples"/> against <paramref name="capacity"/> (the last sample's own capacity wins).</summary>
    public static ForecastResult Forecast(IReadOnlyList<SeriesSample> samples, int capacity, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        options ??= ForecastOptions.Default;
        if (samples.Count == 0)
        {
            return new ForecastResult { Reason = NoForecastReason.NoSamples, Detail = "no samples" };
        }

        var sorted = Sorted(samples);
        var changes = ChangePointDetector.Find(sorted);
        var start = changes.Count > 0 ? changes[^1].Index : 0;
        start = CutAtSteps(sorted, start, changes, options);
        var points = changes.Select(c => c.Point).ToList();
        var result = new ForecastResult { ChangePoints = points };
        var cap = sorted[^1].Capacity ?? capacity;
        if (cap <= 0)
        {
            return result with { Reason = NoForecastReason.NoCapacity, Detail = "the pool's capacity is unknown" };
        }

        var window = new ArraySegment<SeriesSample>(sorted, start, sorted.Length - start);
        if (TooShort(window, options) is { } shortBy)
        {
            return result with { Reason = NoForecastReason.WindowTooShort, Detail = shortBy + Since(changes.Count > 0 ? points[^1] : null) };
        }

        var fit = Fit(window, options);
        if (fit is null)
        {
            return result with { Reason = NoForecastReason.WindowTooShort, Detail = "fewer than 3 distinct sample times" };
        }

        result = result with { Fit = fit };
        if (Gate(window, fit, options) is { } refused)
        {
            return result with { Reason = refused.Reason, Detail = refused.Detail };
        }

        return Conclude(result, window, fit, cap, changes.Where(c => c.Point.Kind == ChangeKind.Drop).Select(c => c.Point.Time).ToList(), options);
    }

    /// <summary>The trend gates that do not depend on capacity: significance, fit, rise, plateau, daily cycle.</summary>
    private static (NoForecastReason Reason, string Detail)? Gate(IReadOnlyList<SeriesSample> window, TrendFit fit, ForecastOptions options)
    {
        var rate = Invariant($"{fit.PerHour:+0.#;-0.#;0} ports/h (band {fit.PerHourLow:0.#} to {fit.PerHourHigh:0.#})");
        if (fit.TrendZ < options.TrendZ || fit.PerHourLow <= 0)
        {
            return (NoForecastReason.NotGrowing, $"no significant growth: {rate} since {fit.Start:u}");
        }

        if (fit.RSquared < options.MinimumRSquared)
        {
            return (NoForecastReason.PoorFit, Invariant($"not a straight line: R² {fit.RSquared:0.00} < {options.MinimumRSquared:0.00}, {rate}"));
        }

        if (fit.Rise < options.MinimumRise)
        {
            return (NoForecastReason.NotGrowing, Invariant($"grew {fit.Rise:0.#} port{(Math.Round(fit.Rise, 1) == 1 ? "" : "s")} in the window, fewer than {options.MinimumRise}"));
        }

        if (DayOverDay(window, fit) is { } daily)
        {
            return (NoForecastReason.DailyCycle, daily);
        }

        return null;
    }

    /// <summary>The ETA from the fit (or the recent part when growth slowed), or the plateau, sawtooth and level refusals.</summary>
    private static ForecastResult Conclude(
        ForecastResult result, ArraySegment<SeriesSample> window, TrendFit fit, int capacity, List<DateTimeOffset> resets, ForecastOptions options)
    {
        var method = Method;
        var pessimistic = fit.PerHourHigh;
        if (Recent(window, fit, options) is { } recent)
        {
            if (recent.PerHourHigh < fit.PerHourLow)
            {
                if (recent.PerHourLow <= 0 || recent.TrendZ < options.TrendZ)
                {
                    return result with { Reason = NoForecastReason.Plateau, Detail = Invariant($"stopped growing: {recent.PerHour:+0.#;-0.#;0} ports/h since {recent.Start:u} after {fit.PerHour:+0.#} ports/h") };
                }

                (fit, method, pessimistic) = (recent, RecentMethod, recent.PerHourHigh);
            }
            else if (recent.PerHourLow > fit.PerHourHigh)
            {
                pessimistic = recent.PerHour; // Accelerating: the pessimistic edge takes the recent rate.
            }
        }

        var timeWait = SteadyTimeWait(window, options);
        var level = fit.LevelAtEnd + timeWait;
        if (100.0 * level / capacity < options.MinimumLevelPercent)
        {
            return result with { Fit = fit, Reason = NoForecastReason.LevelTooLow, Detail = Invariant($"{level:0} of {capacity} ports ({100.0 * level / capacity:0.#} %) is below {options.MinimumLevelPercent} %") };
        }

        var left = Math.Max(0, capacity - level);
        var eta = left / fit.PerHour * 3600;
        if (Sawtooth(resets, window[^1].Time, eta, options) is { } sawtooth)
        {
            return result with { Fit = fit, Reason = NoForecastReason.Sawtooth, Detail = sawtooth };
        }

        var forecast = new Forecast(eta, left / Math.Max(pessimistic, fit.PerHourHigh) * 3600, left / fit.PerHourLow * 3600, fit.PerHour, method, fit.Start, fit.End)
        {
            Capacity = capacity,
            Level = level,
            TimeWaitLevel = timeWait,
            RSquared = fit.RSquared,
        };
        return result with { Fit = fit, Forecast = forecast, Detail = Basis(forecast) };
    }

    /// <summary>"+312 ports/h since 09:40 UTC, R² 0.97, full in 3 h 10 min (2 h 40 min - 3 h 50 min)".</summary>
    public static string Basis(Forecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return Invariant($"{forecast.RatePerHour:+0.#} ports/h since {forecast.WindowStart:HH:mm} UTC, R² {forecast.RSquared:0.00}, full in {DurationText.Format(TimeSpan.FromSeconds(forecast.EtaSeconds))} ({DurationText.Format(TimeSpan.FromSeconds(forecast.EtaLowSeconds))} - {DurationText.Format(TimeSpan.FromSeconds(forecast.EtaHighSeconds))})");
    }

    /// <summary>A GC-like sawtooth: enough drops before (a known restart is not one), at a regular period (deploys and crashes are not), and at this rate the pool fills later than the next reset is due.</summary>
    private static string? Sawtooth(List<DateTimeOffset> resets, DateTimeOffset end, double etaSeconds, ForecastOptions options)
    {
        if (resets.Count < options.SawtoothResets)
        {
            return null;
        }

        var cycles = resets.Zip(resets.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        var cycle = cycles[cycles.Count / 2];
        var mean = cycles.Average();
        var spread = Math.Sqrt(cycles.Sum(c => (c - mean) * (c - mean)) / cycles.Count) / mean;
        return spread <= MaxCycleSpread && etaSeconds > 1.5 * cycle
            ? Invariant($"resets every {DurationText.Format(TimeSpan.FromSeconds(cycle))} ({resets.Count} seen), before the pool would fill ({DurationText.Format(TimeSpan.FromSeconds(etaSeconds))} at this rate)")
            : null;
    }

    private static SeriesSample[] Sorted(IReadOnlyList<SeriesSample> samples)
    {
        var sorted = samples.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Time < sorted[i - 1].Time)
            {
                return [.. samples.OrderBy(s => s.Time)];
            }
        }

        return sorted;
    }

    private static string? TooShort(IReadOnlyList<SeriesSample> window, ForecastOptions options)
    {
        var span = window.Count > 0 ? window[^1].Time - window[0].Time : TimeSpan.Zero;
        if (span >= options.MinimumWindow && window.Count >= options.MinimumSamples)
        {
            return null;
        }

        return window.Count == 1
            ? Invariant($"one sample: no trend; a forecast needs {DurationText.Format(options.MinimumWindow)} and {options.MinimumSamples} samples")
            : Invariant($"{DurationText.Format(span)} and {window.Count} samples; a forecast needs {DurationText.Format(options.MinimumWindow)} and {options.MinimumSamples} samples");
    }

    private static string Since(ChangePoint? change) => change is null ? "" : $" since the {change.Kind.ToName()} at {change.Time:u}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
