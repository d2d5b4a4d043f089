using System.Globalization;

namespace PortDoctor.Core.Trends.Forecasting;

public static partial class Forecaster
{
    /// <summary>A step explains the window this much better than a line (residual sum of squares) before it counts as a level shift.</summary>
    private const double StepAdvantage = 0.25;

    /// <summary>The Theil-Sen fit of the owned ports over the window (equal-count bins past <see cref="ForecastOptions.MaxFitPoints"/>).</summary>
    internal static TrendFit? Fit(IReadOnlyList<SeriesSample> window, ForecastOptions options)
    {
        var end = window[^1].Time;
        var bins = Math.Min(window.Count, options.MaxFitPoints);
        var x = new double[bins];
        var y = new double[bins];
        for (var b = 0; b < bins; b++)
        {
            var (from, to) = ((int)((long)b * window.Count / bins), (int)((long)(b + 1) * window.Count / bins));
            for (var i = from; i < to; i++)
            {
                x[b] += (window[i].Time - end).TotalHours;
                y[b] += window[i].Owned;
            }

            (x[b], y[b]) = (x[b] / (to - from), y[b] / (to - from));
        }

        return TheilSen.Fit(x, y, options.BandZ) is { } line
            ? new TrendFit(window[0].Time, end, window.Count, line.Slope, line.SlopeLow, line.SlopeHigh, line.Intercept)
            {
                RSquared = line.RSquared,
                TrendZ = line.TrendZ,
            }
            : null;
    }

    /// <summary>
    /// Moves the window's start past level shifts a change-point scan cannot see (a step spread over
    /// many fast samples): a two-level step that fits far better than a line, with both sides long enough.
    /// </summary>
    private static int CutAtSteps(SeriesSample[] sorted, int start, List<(int Index, ChangePoint Point)> changes, ForecastOptions options)
    {
        for (var round = 0; round < 3 && sorted.Length - start >= options.MinimumSamples; round++)
        {
            var window = new ArraySegment<SeriesSample>(sorted, start, sorted.Length - start);
            if (Step(window) is not { } split)
            {
                break;
            }

            var (before, after) = (Mean(window, 0, split), Mean(window, split, window.Count));
            start += split;
            changes.Add((start, new ChangePoint(sorted[start].Time, ChangeKind.LevelShift, Invariant($"{before:0} -> {after:0} ports (mean)"))));
        }

        return start;
    }

    /// <summary>The split index of the best two-level step when it beats the least-squares line by <see cref="StepAdvantage"/>.</summary>
    private static int? Step(IReadOnlyList<SeriesSample> window)
    {
        var n = window.Count;
        var prefix = new double[n + 1];
        var prefixSquares = new double[n + 1];
        double sx = 0, sxx = 0, sxy = 0;
        var origin = window[0].Time;
        for (var i = 0; i < n; i++)
        {
            double v = window[i].Owned, t = (window[i].Time - origin).TotalHours;
            (prefix[i + 1], prefixSquares[i + 1]) = (prefix[i] + v, prefixSquares[i] + v * v);
            (sx, sxx, sxy) = (sx + t, sxx + t * t, sxy + t * v);
        }

        var sy = prefix[n];
        var total = prefixSquares[n] - sy * sy / n;
        var denominator = n * sxx - sx * sx;
        var line = denominator > 0 ? total - Math.Pow(n * sxy - sx * sy, 2) / (n * denominator) : total;
        (double Sse, int Split) best = (double.MaxValue, -1);
        for (var k = 3; k <= n - 3; k++)
        {
            var left = prefixSquares[k] - prefix[k] * prefix[k] / k;
            var rightSum = sy - prefix[k];
            var right = prefixSquares[n] - prefixSquares[k] - rightSum * rightSum / (n - k);
            best = left + right < best.Sse ? (left + right, k) : best;
        }

        return best.Split > 0 && line > 0 && best.Sse < StepAdvantage * line ? best.Split : null;
    }

    private static double Mean(IReadOnlyList<SeriesSample> window, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++)
        {
            sum += window[i].Owned;
        }

        return sum / Math.Max(1, to - from);
    }

    /// <summary>
    /// The newest quarter of a long window (at least the minimum window and samples), fitted alone:
    /// null when the window is too short to have one.
    /// </summary>
    private static TrendFit? Recent(ArraySegment<SeriesSample> window, TrendFit fit, ForecastOptions options)
    {
        var span = fit.End - fit.Start;
        if (span < 2 * options.MinimumWindow || window.Count < 2 * options.MinimumSamples)
        {
            return null;
        }

        var from = fit.End - TimeSpan.FromTicks(Math.Max(options.MinimumWindow.Ticks, span.Ticks / 4));
        var first = window.Count - 1;
        while (first > 0 && (window[first - 1].Time >= from || window.Count - first < options.MinimumSamples))
        {
            first--;
        }

        return Fit(window.Slice(first), options);
    }

    /// <summary>
    /// Over a window of more than a day, the rise since the same hour yesterday must support the
    /// fitted rate: a daily cycle rises for hours and gives it all back.
    /// </summary>
    private static string? DayOverDay(IReadOnlyList<SeriesSample> window, TrendFit fit)
    {
        var end = window[^1].Time;
        if (end - window[0].Time < TimeSpan.FromHours(25))
        {
            return null;
        }

        var now = MedianOwned(window, end - TimeSpan.FromHours(1), end);
        var yesterday = MedianOwned(window, end - TimeSpan.FromHours(25), end - TimeSpan.FromHours(24));
        var perHour = (now - yesterday) / 24;
        return perHour < 0.5 * fit.PerHour
            ? Invariant($"a daily cycle: {fit.PerHour:+0.#} ports/h fitted, but {perHour:+0.#;-0.#;0} ports/h against the same hour yesterday")
            : null;
    }

    private static double MedianOwned(IReadOnlyList<SeriesSample> window, DateTimeOffset from, DateTimeOffset to)
    {
        var values = window.Where(s => s.Time >= from && s.Time <= to).Select(s => (double)s.Owned).Order().ToList();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }

    /// <summary>TIME_WAIT as a steady state: the median over the last minimum window, counted against capacity, not extrapolated.</summary>
    private static double SteadyTimeWait(IReadOnlyList<SeriesSample> window, ForecastOptions options)
    {
        var from = window[^1].Time - options.MinimumWindow;
        var values = window.Where(s => s.Time >= from).Select(s => s.TimeWait).Order().ToList();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }
}
