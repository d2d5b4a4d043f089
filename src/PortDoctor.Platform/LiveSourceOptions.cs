using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;

namespace PortDoctor.Platform;

/// <summary>What one live observation includes besides the socket tables.</summary>
public sealed record LiveSourceOptions
{
    public CollectOptions Collect { get; init; } = new();

    /// <summary>Read kernel evidence (Windows Tcpip events, Linux kernel log and counters); `connections` does not need it.</summary>
    public bool KernelEvidence { get; init; } = true;

    /// <summary>How far back to read confirmation events (`--since`).</summary>
    public TimeSpan EventsSince { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Run the outbound test (bind port 0, loopback connect, the targets).</summary>
    public bool Probe { get; init; } = true;

    public IReadOnlyList<ProbeTarget> Targets { get; init; } = [];

    /// <summary>The monitor's <see cref="BusiestLoopbackFromPercent"/>: half the pool.</summary>
    public const double MonitorBusiestLoopbackPercent = 50;

    /// <summary>
    /// The busiest destination, when it is on this machine, is connected to only while the headline pool
    /// is at least this full (percent). 0 (`diagnose`): always. The monitor gives
    /// <see cref="MonitorBusiestLoopbackPercent"/>: below half, that connect cannot run out of ports, and
    /// the service behind it would see a connection, reset, every sample.
    /// </summary>
    public double BusiestLoopbackFromPercent { get; init; }

    /// <summary>
    /// How often, from <see cref="BusiestLoopbackFromPercent"/> on, the busiest loopback destination is
    /// connected to; null (`diagnose`): every observation. Kept between observations (one per sampled namespace).
    /// </summary>
    public ProbeCadence? BusiestLoopbackCadence { get; init; }

    /// <summary>
    /// Counts the ephemeral usage the probe's target is chosen from; the monitor gives its sample builder's
    /// kept accounting (<c>SampleBuilder.Accounting</c>), which then does not count the same snapshot again.
    /// </summary>
    public Func<Snapshot, IReadOnlyList<EphemeralUsage>> Accounting { get; init; } = EphemeralAccounting.Compute;

    /// <summary>
    /// Observe inside this network namespace (`--netns`): sockets, sysctls, kernel counters and the probe are
    /// the namespace's; owners are still resolved host-wide. Null: the caller's own namespace.
    /// </summary>
    public INetworkNamespace? Namespace { get; init; }
}

/// <summary>
/// The monitor's cadence for its connect to the busiest loopback destination: once per <see cref="Every"/>
/// (the guide's one-minute loop) while the headline pool is under <see cref="AlwaysFromPercent"/>, every
/// sample from there on. At 5 s intervals and 28,000 4-tuples toward that destination, the connect's port
/// search cost the monitor 7-10 ms of kernel CPU a sample (docs/benchmarks.md), for an answer that, with
/// half the pool free, the count already gives.
/// </summary>
public sealed class ProbeCadence(TimeSpan every, double alwaysFromPercent)
{
    /// <summary>The monitor's: once a minute, every sample from 90 % on.</summary>
    public static ProbeCadence ForMonitor() => new(TimeSpan.FromMinutes(1), 90);

    private readonly Lock _gate = new();
    private DateTimeOffset? _last;

    public TimeSpan Every { get; } = every;

    public double AlwaysFromPercent { get; } = alwaysFromPercent;

    /// <summary>Whether an observation at <paramref name="now"/>, with the pool <paramref name="percent"/> full, connects (and if so, counts it as done).</summary>
    public bool Due(DateTimeOffset now, double percent)
    {
        lock (_gate)
        {
            if (percent < AlwaysFromPercent && _last is { } last && now >= last && now - last < Every)
            {
                return false;
            }

            _last = now;
            return true;
        }
    }
}
