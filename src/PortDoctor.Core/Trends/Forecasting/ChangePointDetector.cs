using System.Globalization;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// Finds where a series changed regime, in one pass: a new process instance (restart), a new
/// capacity (range change), and abrupt falls or rises of the owned ports that last (drop, level
/// shift). Abrupt means larger than <see cref="JumpSigmas"/> robust standard deviations of the
/// sample-to-sample differences around it (the noisier side of <see cref="Neighbourhood"/> steps
/// before and after, so churn that starts noisy does not read as many jumps; at least
/// <see cref="MinimumJump"/> ports) beyond the drift at the typical rate (per second, so a series
/// whose spacing changes, hourly means then raw samples, drifts by time, not by sample count),
/// within up to <see cref="JumpSpan"/> samples; lasting means the next samples stay on the new side.
/// </summary>
internal static class ChangePointDetector
{
    public const double JumpSigmas = 8;
    public const int MinimumJump = 5;
    public const int JumpSpan = 3;
    public const int Neighbourhood = 30;
    public const int MinimumNeighbours = 3;

    /// <summary>The change points, each with the index of the first sample of the new regime, in time order.</summary>
    public static List<(int Index, ChangePoint Point)> Find(IReadOnlyList<SeriesSample> samples)
    {
        var found = new List<(int Index, ChangePoint Point)>();
        if (samples.Count < 2)
        {
            return found;
        }

        var steps = new double[samples.Count - 1];
        var rates = new double[samples.Count - 1];
        for (var i = 1; i < samples.Count; i++)
        {
            steps[i - 1] = samples[i].Owned - samples[i - 1].Owned;
            var seconds = (samples[i].Time - samples[i - 1].Time).TotalSeconds;
            rates[i - 1] = seconds > 0 ? steps[i - 1] / seconds : 0;
        }

        var blocks = BlockSpreads(steps, rates);

        var lastJump = -JumpSpan - 1;
        for (var i = 1; i < samples.Count; i++)
        {
            var (previous, current) = (samples[i - 1], samples[i]);
            if (current.Capacity is { } capacity && previous.Capacity is { } before && capacity != before)
            {
                found.Add((i, new ChangePoint(current.Time, ChangeKind.RangeChange, Invariant($"capacity {before} -> {capacity}"))));
            }

            if (current.Instance is not null && previous.Instance is not null && current.Instance != previous.Instance)
            {
                found.Add((i, new ChangePoint(current.Time, ChangeKind.Restart, $"{previous.Instance} -> {current.Instance}")));
                lastJump = i;
                continue;
            }

            if (Jump(samples, i, JumpScale(blocks, steps.Length, i)) is { } jump && i - lastJump > JumpSpan)
            {
                found.Add((i, jump));
                lastJump = i;
            }
        }

        return found;
    }

    /// <summary>An abrupt fall or rise from the samples just before <paramref name="i"/> that the samples after keep.</summary>
    private static ChangePoint? Jump(IReadOnlyList<SeriesSample> samples, int i, (double TypicalRate, double Threshold) scale)
    {
        var (typicalRate, threshold) = scale;
        var from = Math.Max(0, i - JumpSpan);
        int high = int.MinValue, low = int.MaxValue;
        for (var k = from; k < i; k++)
        {
            high = Math.Max(high, samples[k].Owned);
            low = Math.Min(low, samples[k].Owned);
        }

        var now = samples[i].Owned;
        var after = After(samples, i);
        var allowance = threshold + Math.Abs(typicalRate) * Math.Max(0, (samples[i].Time - samples[from].Time).TotalSeconds);
        if (high - now > allowance && high - after > allowance / 2)
        {
            return new ChangePoint(samples[i].Time, ChangeKind.Drop, Invariant($"{high} -> {now} ports"));
        }

        if (now - low > allowance && after - low > allowance / 2 && samples[i].Owned - samples[i - 1].Owned > threshold / 2)
        {
            return new ChangePoint(samples[i].Time, ChangeKind.LevelShift, Invariant($"{low} -> {now} ports"));
        }

        return null;
    }

    /// <summary>The median of the next few samples (the sample itself when it is the last).</summary>
    private static double After(IReadOnlyList<SeriesSample> samples, int i)
    {
        Span<int> next = stackalloc int[JumpSpan];
        var count = 0;
        for (var k = i; k < Math.Min(samples.Count, i + JumpSpan); k++)
        {
            next[count++] = samples[k].Owned;
        }

        next[..count].Sort();
        return next[count / 2];
    }

    /// <summary>
    /// The median rate (per second) and the robust spread of the steps of each block of
    /// <see cref="Neighbourhood"/> steps: one sort per block, not per sample.
    /// </summary>
    private static (double Rate, double Sigma, int Count)[] BlockSpreads(double[] steps, double[] rates)
    {
        var blocks = new (double, double, int)[(steps.Length + Neighbourhood - 1) / Neighbourhood];
        for (var b = 0; b < blocks.Length; b++)
        {
            var (from, count) = (b * Neighbourhood, Math.Min(Neighbourhood, steps.Length - (b * Neighbourhood)));
            var (_, sigma) = Spread(steps.AsSpan(from, count));
            blocks[b] = (Median(rates.AsSpan(from, count)), sigma, count);
        }

        return blocks;
    }

    /// <summary>
    /// The median rate before sample <paramref name="i"/> and the jump threshold from the robust
    /// spread (1.4826 MAD) of the steps on the noisier side of it: the block of steps holding the
    /// last step before it and the block holding the first step after the jump's span.
    /// </summary>
    private static (double TypicalRate, double Threshold) JumpScale((double Rate, double Sigma, int Count)[] blocks, int steps, int i)
    {
        var before = i >= 2 ? blocks[(i - 2) / Neighbourhood] : (0, 0, 0);
        var afterStep = i - 1 + JumpSpan;
        var after = afterStep < steps ? blocks[afterStep / Neighbourhood] : (0, 0, 0);
        var typical = before.Count > 0 ? before.Rate : after.Rate;
        if (before.Count < MinimumNeighbours && after.Count < MinimumNeighbours)
        {
            return (typical, double.PositiveInfinity); // Too few steps around it to tell a jump from noise.
        }

        return (typical, Math.Max(JumpSigmas * Math.Max(before.Sigma, after.Sigma), MinimumJump));
    }

    private static double Median(ReadOnlySpan<double> values)
    {
        Span<double> sorted = stackalloc double[values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        return sorted[sorted.Length / 2];
    }

    private static (double Median, double Sigma) Spread(ReadOnlySpan<double> steps)
    {
        if (steps.Length == 0)
        {
            return (0, 0);
        }

        Span<double> sorted = stackalloc double[steps.Length];
        steps.CopyTo(sorted);
        sorted.Sort();
        var median = sorted[sorted.Length / 2];
        for (var k = 0; k < sorted.Length; k++)
        {
            sorted[k] = Math.Abs(sorted[k] - median);
        }

        sorted.Sort();
        return (median, 1.4826 * sorted[sorted.Length / 2]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
