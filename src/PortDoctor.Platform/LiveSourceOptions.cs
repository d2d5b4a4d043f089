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
