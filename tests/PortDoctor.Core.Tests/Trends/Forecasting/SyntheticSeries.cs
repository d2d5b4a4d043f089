using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Tests.Trends.Forecasting;

/// <summary>
/// Seeded synthetic port series for the forecast's quality targets. Leaks accumulate as a Poisson
/// process (their residuals are a random walk, not white noise) on top of a noisy base of live
/// connections; each generator says when the pool truly fills, or that it never does.
/// </summary>
internal sealed class SyntheticSeries(int seed)
{
    public const int Capacity = 28_232;

    public static readonly DateTimeOffset Start = new(2026, 3, 9, 6, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);

    /// <summary>A leak at 300-1500 ports/h above a base of 1000-6000, sampled every minute for <paramref name="duration"/>; the true ETA in seconds from the last sample.</summary>
    public (List<SeriesSample> Samples, double EtaSeconds) LinearLeak(TimeSpan duration)
    {
        var (rate, bas, noise) = (Uniform(300, 1500), Uniform(1000, 6000), Uniform(2, 15));
        var samples = Leak(Start, duration, TimeSpan.FromMinutes(1), bas, rate, noise);
        return (samples, Eta(bas, rate, duration));
    }

    /// <summary>The same leak, restarted two or three times (each restart drops it to its base and a new PID takes over); the newest run lasts 40-90 minutes.</summary>
    public (List<SeriesSample> Samples, double EtaSeconds) LeakWithRestarts()
    {
        var (rate, bas, noise) = (Uniform(300, 1500), Uniform(1000, 6000), Uniform(2, 15));
        var samples = new List<SeriesSample>();
        var time = Start;
        var runs = _random.Next(3, 5);
        var last = TimeSpan.Zero;
        for (var run = 0; run < runs; run++)
        {
            last = TimeSpan.FromMinutes(run == runs - 1 ? Uniform(40, 90) : Uniform(30, 240));
            samples.AddRange(Leak(time, last, TimeSpan.FromMinutes(1), bas, rate, noise).Select(s => s with { Instance = $"pid {1000 + run}" }));
            time = samples[^1].Time + TimeSpan.FromMinutes(1);
        }

        return (samples, Eta(bas, rate, last));
    }

    /// <summary>A leak of 2-6 h into a plateau that then holds for 2-6 h (a pool that filled to its limit).</summary>
    public List<SeriesSample> LeakThenPlateau()
    {
        var (rate, bas, noise) = (Uniform(300, 3000), Uniform(1000, 6000), Uniform(2, 15));
        var rise = TimeSpan.FromHours(Uniform(2, 6));
        var samples = Leak(Start, rise, TimeSpan.FromMinutes(1), bas, rate, noise);
        var top = samples[^1].Ports;
        var plateau = TimeSpan.FromHours(Uniform(2, 6));
        for (var t = TimeSpan.FromMinutes(1); t <= plateau; t += TimeSpan.FromMinutes(1))
        {
            samples.Add(new SeriesSample(samples[^1].Time + TimeSpan.FromMinutes(1), Noisy(top, noise)));
        }

        return samples;
    }

    /// <summary>GC-like sawtooth: rises 200-3000 ports over 10-90 min, then a collection frees them all; 8-16 hours of it.</summary>
    public List<SeriesSample> Sawtooth()
    {
        var (bas, amplitude, period, noise) = (Uniform(1000, 10000), Uniform(200, 3000), TimeSpan.FromMinutes(Uniform(10, 90)), Uniform(2, 15));
        var duration = TimeSpan.FromHours(Uniform(8, 16));
        var samples = new List<SeriesSample>();
        var phase = Uniform(0, 1);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromMinutes(1))
        {
            var cycle = (t / period + phase) % 1;
            samples.Add(new SeriesSample(Start + t, Noisy(bas + amplitude * cycle, noise)));
        }

        return samples;
    }

    /// <summary>A daily cycle between 10 % and up to 90 % of capacity over 2-5 days, sampled every 2 minutes.</summary>
    public List<SeriesSample> DailyCycle()
    {
        var (low, high) = (Uniform(0.1, 0.4) * Capacity, Uniform(0.5, 0.9) * Capacity);
        var (days, phase, noise) = (Uniform(2, 5), Uniform(0, 2 * Math.PI), Uniform(5, 60));
        var samples = new List<SeriesSample>();
        for (var t = TimeSpan.Zero; t <= TimeSpan.FromDays(days); t += TimeSpan.FromMinutes(2))
        {
            var level = low + (high - low) * (1 + Math.Sin(2 * Math.PI * t.TotalHours / 24 + phase)) / 2;
            samples.Add(new SeriesSample(Start + t, Noisy(level, noise)));
        }

        return samples;
    }

    /// <summary>A flat level (5-85 % of capacity) with noise up to 5 % of it, 30 min to 2 days at 1 min, with a few outliers.</summary>
    public List<SeriesSample> NoisyFlat()
    {
        var level = Uniform(0.05, 0.85) * Capacity;
        var (noise, duration) = (level * Uniform(0.001, 0.05), TimeSpan.FromMinutes(Uniform(30, 2880)));
        var samples = new List<SeriesSample>();
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromMinutes(1))
        {
            var outlier = _random.NextDouble() < 0.01 ? Uniform(-5, 5) * noise : 0;
            samples.Add(new SeriesSample(Start + t, Noisy(level + outlier, noise)));
        }

        return samples;
    }

    /// <summary>
    /// Churn starts: TIME_WAIT steps up to rate x 60 s (a steady state) over one 60 s TIME_WAIT
    /// lifetime, on a flat owned base; sampled every 5 s or every minute, 1-4 h before the step and
    /// 35 min to 3 h after. With <paramref name="timeWaitKnown"/> the sample says which ports are TIME_WAIT.
    /// </summary>
    public List<SeriesSample> ChurnStep(bool timeWaitKnown)
    {
        var (owned, churn, noise) = (Uniform(500, 5000), Uniform(20, 300) * 60, Uniform(2, 15));
        var interval = TimeSpan.FromSeconds(_random.Next(2) == 0 ? 5 : 60);
        var (before, after) = (TimeSpan.FromHours(Uniform(1, 4)), TimeSpan.FromMinutes(Uniform(35, 180)));
        var samples = new List<SeriesSample>();
        for (var t = TimeSpan.Zero; t <= before + after; t += interval)
        {
            var timeWait = t < before ? 0 : Noisy(churn * Math.Min(1, (t - before).TotalSeconds / 60), Math.Sqrt(churn));
            var ports = Noisy(owned, noise) + timeWait;
            samples.Add(new SeriesSample(Start + t, ports) { TimeWait = timeWaitKnown ? timeWait : 0 });
        }

        return samples;
    }

    /// <summary>A service restarted every 1-3 hours by deploys, each run flat at its own level; 12 hours.</summary>
    public List<SeriesSample> FlatRestarts()
    {
        var samples = new List<SeriesSample>();
        var (time, run) = (Start, 0);
        while (time < Start + TimeSpan.FromHours(12))
        {
            var (level, noise, length) = (Uniform(500, 8000), Uniform(2, 15), TimeSpan.FromHours(Uniform(1, 3)));
            for (var t = TimeSpan.Zero; t < length; t += TimeSpan.FromMinutes(1))
            {
                var warmup = Math.Min(1, t.TotalMinutes / 5);
                samples.Add(new SeriesSample(time + t, Noisy(level * warmup, noise)) { Instance = $"pid {2000 + run}" });
            }

            (time, run) = (time + length, run + 1);
        }

        return samples;
    }

    private List<SeriesSample> Leak(DateTimeOffset start, TimeSpan duration, TimeSpan interval, double bas, double rate, double noise)
    {
        var samples = new List<SeriesSample>();
        double leaked = 0;
        for (var t = TimeSpan.Zero; t <= duration; t += interval)
        {
            if (t > TimeSpan.Zero)
            {
                leaked += Poisson(rate * interval.TotalHours);
            }

            samples.Add(new SeriesSample(start + t, Noisy(bas + leaked, noise)));
        }

        return samples;
    }

    private static double Eta(double bas, double rate, TimeSpan elapsed) => ((Capacity - bas) / rate - elapsed.TotalHours) * 3600;

    private int Noisy(double level, double sd) => Math.Max(0, (int)Math.Round(level + sd * Gaussian()));

    private double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private double Poisson(double mean)
    {
        if (mean > 30)
        {
            return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Gaussian()));
        }

        var (limit, k, product) = (Math.Exp(-mean), 0, _random.NextDouble());
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }

        return k;
    }
}
