using System.Diagnostics;
using PortDoctor.Core.Sources;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>
/// The monitor's loop: every interval one observation becomes one sample in one transaction, then
/// a few bounded retention steps. A failed sample (collector error, locked or full database) is
/// reported as one line and the next interval tries again. Cancellation lets a started
/// transaction finish and then returns; time comes from the injected clock.
/// </summary>
public sealed class Sampler(ISnapshotSource source, ISampleStore store, SampleBuilder builder, TimeProvider time, SamplerOptions options)
{
    /// <summary>The process's CPU time so far; a test seam.</summary>
    public Func<TimeSpan> Cpu { get; init; } = () => Environment.CpuUsage.TotalTime;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the duration is over; reports each interval's outcome.</summary>
    public Task RunAsync(Action<SampleOutcome> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RunEveryAsync(
            time,
            options,
            cancel =>
            {
                if (TakeSample(cancel) is not { } outcome)
                {
                    return false;
                }

                report(outcome);
                return true;
            },
            due => Maintain(due, report),
            cancellationToken);
    }

    /// <summary>
    /// The monitor's clock: <paramref name="tick"/> every interval (false: cancelled, stop), then
    /// <paramref name="maintain"/> with the next due time, until cancelled or the duration is over.
    /// </summary>
    public static async Task RunEveryAsync(TimeProvider time, SamplerOptions options, Func<CancellationToken, bool> tick, Action<DateTimeOffset> maintain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tick);
        ArgumentNullException.ThrowIfNull(maintain);
        var interval = options.Interval;
        var start = time.GetUtcNow();
        var end = options.Duration is { } duration ? start + duration : (DateTimeOffset?)null;
        var due = start;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!tick(cancellationToken))
            {
                return;
            }

            due += interval;
            maintain(due);
            var now = time.GetUtcNow();
            while (due + interval <= now)
            {
                // Late by a whole interval or more (a suspended machine): skip the missed ticks rather
                // than take them in a burst. Late by less (a slow sample): the next one follows at once.
                due += interval;
            }

            if (end is { } stop && due >= stop)
            {
                return;
            }

            try
            {
                await Task.Delay(due > now ? due - now : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One sample, stored; null when cancellation interrupted the observation (nothing stored).</summary>
    public SampleOutcome? TakeSample(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var cpu = Cpu();
        var at = time.GetUtcNow();
        try
        {
            var observation = source.Observe(cancellationToken);
            var sample = builder.Build(observation, SampleCost.None);
            sample = sample with { Cost = new SampleCost(time.GetElapsedTime(started), Cpu() - cpu) };
            store.Append(sample);
            return new SampleOutcome(sample.Time, sample, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A monitor must outlive any one failed sample: it is reported, and the next interval tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SampleOutcome(at, null, $"sample at {at:yyyy-MM-ddTHH:mm:ssZ} failed: {Describe(ex)}");
        }
    }

    /// <summary>Bounded retention steps on the store until <paramref name="nextDue"/> or the budget; a failure is reported.</summary>
    public void Maintain(DateTimeOffset nextDue, Action<SampleOutcome> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var clock = Stopwatch.StartNew();
        try
        {
            while (store.Maintain(time.GetUtcNow()).More && clock.Elapsed < options.MaintenanceBudget && time.GetUtcNow() < nextDue)
            {
            }
        }
#pragma warning disable CA1031 // Retention that fails now is retried after the next sample.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report(new SampleOutcome(time.GetUtcNow(), null, $"retention step failed (retried after the next sample): {Describe(ex)}"));
        }
    }

    private static string Describe(Exception ex) =>
        ex is Core.PortDoctorException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
}
