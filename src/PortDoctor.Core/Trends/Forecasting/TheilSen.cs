using System.Buffers;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// Theil-Sen line (median of pairwise slopes), Sen's rank-based band and the Mann-Kendall trend
/// test, written here because no package in our source offers them and they are ~150 lines. Sen's
/// band assumes independent residuals; a leak is a counting process (its residuals are a random
/// walk) and a cycle's are smooth, so the band is widened to the slope's standard error under
/// white noise plus a random walk, both estimated from the residuals' variogram, and the trend's
/// z is the smaller of Mann-Kendall's and slope / that error.
/// </summary>
internal static class TheilSen
{
    /// <summary>Fits y over x (x in hours, ascending). Null with fewer than 3 distinct times.</summary>
    public static TheilSenLine? Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bandZ)
    {
        var n = x.Length;
        // 179,700 slopes for 600 points: rented, not a new large-object array per fit (a report makes dozens of fits).
        var slopes = ArrayPool<double>.Shared.Rent(Math.Max(1, n * (n - 1) / 2));
        try
        {
            return Fit(x, y, bandZ, slopes);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(slopes);
        }
    }

    private static TheilSenLine? Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bandZ, double[] slopes)
    {
        if (Sen(x, y, bandZ, slopes) is not { } sen)
        {
            return null;
        }

        var (n, slope, low, high) = (x.Length, sen.Slope, sen.Low, sen.High);
        var offsets = new double[n];
        for (var i = 0; i < n; i++)
        {
            offsets[i] = y[i] - slope * x[i];
        }

        Array.Sort(offsets);
        var intercept = Median(offsets);
        var rSquared = RSquared(x, y, slope, intercept);
        var z = sen.Variance > 0 ? (sen.S - Math.Sign(sen.S)) / Math.Sqrt(sen.Variance) : 0;
        var error = NoiseError(x, y, slope);
        if (error > 0)
        {
            (low, high) = (Math.Min(low, slope - bandZ * error), Math.Max(high, slope + bandZ * error));
            z = Math.Min(z, slope / error);
        }

        return new TheilSenLine(slope, intercept, low, high, rSquared, z);
    }

    /// <summary>
    /// The median of the pairwise slopes (pairs of distinct times), Sen's rank-based band around it
    /// and Mann-Kendall's S over every pair; null with fewer than 3 slopes. <paramref name="slopes"/>
    /// holds at least n(n-1)/2 values and is overwritten.
    /// </summary>
    internal static SenSlope? Sen(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bandZ, Span<double> slopes)
    {
        var n = x.Length;
        y = y[..n];
        var count = 0;
        long s = 0;
        for (var i = 0; i < n; i++)
        {
            var (xi, yi) = (x[i], y[i]);
            for (var j = i + 1; j < n; j++)
            {
                // The rise's sign without Math.Sign, which checks for NaN and is a call per pair: y holds means of counts.
                var rise = y[j] - yi;
                s += (rise > 0 ? 1 : 0) - (rise < 0 ? 1 : 0);
                if (x[j] > xi)
                {
                    slopes[count++] = rise / (x[j] - xi);
                }
            }
        }

        if (count < 3)
        {
            return null;
        }

        // Order statistics by selection, not a sort of the n(n-1)/2 slopes: the same values in linear time.
        // The median's selection leaves the slopes split around it, so the band's ranks are selected
        // in the half that holds them and the lower middle of an even count is the lower half's largest.
        var pairs = slopes[..count];
        var middle = count / 2;
        var upperMiddle = OrderStatistic.Select(pairs, middle);
        var slope = count % 2 == 1 ? upperMiddle : (Max(pairs[..middle]) + upperMiddle) / 2;
        var variance = KendallVariance(y);
        var c = bandZ * Math.Sqrt(variance);
        var low = Rank(pairs, middle, Math.Clamp((int)Math.Floor((count - c) / 2), 0, count - 1));
        var high = Rank(pairs, middle, Math.Clamp((int)Math.Ceiling((count + c) / 2), 0, count - 1));
        return new SenSlope(slope, low, high, s, variance);
    }

    /// <summary>
    /// The slope's standard error under white noise (σ²) plus a random walk (q per step): the
    /// residuals' variogram γ(k) = σ² + k q / 2, read at lag 1 and at a third of the window; the
    /// variance is σ²/Sxx + 6 q / (5 n Δ²), the least-squares slope's over a random walk. q is at
    /// least the growth per step: leaked ports arrive one by one, at least as irregularly as a Poisson process.
    /// </summary>
    private static double NoiseError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope)
    {
        var n = x.Length;
        var lag = Math.Max(2, n / 3);
        if (n < lag + 2)
        {
            return 0;
        }

        var (near, far) = (Variogram(x, y, slope, 1), Variogram(x, y, slope, lag));
        var step = (x[^1] - x[0]) / (n - 1);
        // Ports leak one by one: a count over a window is at least as noisy as Poisson's (variance = mean).
        var q = Math.Max(Math.Max(0, 2 * (far - near) / (lag - 1)), slope * step);
        var whiteNoise = Math.Max(0, near - q / 2);
        double mean = 0, sxx = 0;
        foreach (var v in x)
        {
            mean += v / n;
        }

        foreach (var v in x)
        {
            sxx += (v - mean) * (v - mean);
        }

        return sxx > 0 && step > 0 ? Math.Sqrt(whiteNoise / sxx + 1.2 * q / (n * step * step)) : 0;
    }

    private static double Variogram(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope, int lag)
    {
        double sum = 0;
        for (var i = 0; i + lag < x.Length; i++)
        {
            var d = y[i + lag] - y[i] - slope * (x[i + lag] - x[i]);
            sum += d * d;
        }

        return sum / (2 * (x.Length - lag));
    }

    /// <summary>The k-th smallest of <paramref name="pairs"/>, which a selection of rank <paramref name="middle"/> left split around it.</summary>
    private static double Rank(Span<double> pairs, int middle, int k) => k < middle
        ? OrderStatistic.Select(pairs[..middle], k)
        : k > middle ? OrderStatistic.Select(pairs[(middle + 1)..], k - middle - 1) : pairs[middle];

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = values[0];
        foreach (var v in values)
        {
            max = v > max ? v : max;
        }

        return max;
    }

    private static double Median(ReadOnlySpan<double> sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static double RSquared(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope, double intercept)
    {
        double mean = 0, total = 0, residual = 0;
        foreach (var v in y)
        {
            mean += v / y.Length;
        }

        for (var i = 0; i < y.Length; i++)
        {
            var r = y[i] - (intercept + slope * x[i]);
            (total, residual) = (total + (y[i] - mean) * (y[i] - mean), residual + r * r);
        }

        return total > 0 ? Math.Max(0, 1 - residual / total) : 0;
    }

    /// <summary>Var(S) = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18 over groups of tied values.</summary>
    private static double KendallVariance(ReadOnlySpan<double> y)
    {
        double n = y.Length;
        var ties = new Dictionary<double, int>();
        foreach (var v in y)
        {
            ties[v] = ties.GetValueOrDefault(v) + 1;
        }

        double tied = 0;
        foreach (var t in ties.Values)
        {
            tied += (double)t * (t - 1) * (2 * t + 5);
        }

        return (n * (n - 1) * (2 * n + 5) - tied) / 18;
    }
}
