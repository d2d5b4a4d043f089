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
        var n = x.Length;
        var count = 0;
        long s = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(y[j] - y[i]);
                if (x[j] > x[i])
                {
                    slopes[count++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }

        if (count < 3)
        {
            return null;
        }

        // Order statistics by selection, not a sort of the n(n-1)/2 slopes: the same values in linear time.
        var pairs = slopes.AsSpan(0, count);
        var slope = count % 2 == 1
            ? OrderStatistic.Select(pairs, count / 2)
            : (OrderStatistic.Select(pairs, (count / 2) - 1) + OrderStatistic.Select(pairs, count / 2)) / 2;
        var offsets = new double[n];
        for (var i = 0; i < n; i++)
        {
            offsets[i] = y[i] - slope * x[i];
        }

        Array.Sort(offsets);
        var intercept = Median(offsets);
        var rSquared = RSquared(x, y, slope, intercept);
        var variance = KendallVariance(y);
        var z = variance > 0 ? (s - Math.Sign(s)) / Math.Sqrt(variance) : 0;
        var c = bandZ * Math.Sqrt(variance);
        var low = OrderStatistic.Select(pairs, Math.Clamp((int)Math.Floor((count - c) / 2), 0, count - 1));
        var high = OrderStatistic.Select(pairs, Math.Clamp((int)Math.Ceiling((count + c) / 2), 0, count - 1));
        var error = NoiseError(x, y, slope);
        if (error > 0)
        {
            (low, high) = (Math.Min(low, slope - bandZ * error), Math.Max(high, slope + bandZ * error));
            z = Math.Min(z, slope / error);
        }

        return new TheilSenLine(slope, intercept, low, high, rSquared, z);
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
