using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// One sample of a host's ephemeral ports, as the monitor takes it every interval and the history
/// stores it: pools, the top processes, ESTABLISHED 4-tuples for later TIME_WAIT attribution, and
/// what else was learnt since the previous sample. A plain immutable tree; the store rebuilds it.
/// </summary>
public sealed record HostSample(DateTimeOffset Time, string Host)
{
    /// <summary>The network namespace the sockets were read in ("" for the host's own).</summary>
    public string Namespace { get; init; } = "";

    /// <summary>One per protocol and family (Linux: family null, one port space per protocol).</summary>
    public IReadOnlyList<PoolSample> Pools { get; init; } = [];

    /// <summary>The top processes by ports, most first (N is the sampler's choice, 20 by default).</summary>
    public IReadOnlyList<ProcessSample> Processes { get; init; } = [];

    /// <summary>
    /// ESTABLISHED 4-tuples with their owner, so a later TIME_WAIT on the same 4-tuple can be
    /// attributed from history. Bounded by the sampler: the 4-tuples first seen in this sample,
    /// at most a few thousand; the store keeps them for a shorter time than the rest.
    /// </summary>
    public IReadOnlyList<ConnectionOwner> Connections { get; init; } = [];

    /// <summary>Exhaustion events (Windows Tcpip 4227/4231) since the previous sample.</summary>
    public int EventsSinceLast { get; init; }

    /// <summary>Linux kernel counters (/proc/net/netstat) that moved since the previous sample, by name.</summary>
    public IReadOnlyDictionary<string, long> KernelCounterDeltas { get; init; } = new Dictionary<string, long>();

    /// <summary>The outbound probe of this sample, when one ran.</summary>
    public ProbeResult? Probe { get; init; }

    /// <summary>What taking this sample cost.</summary>
    public SampleCost Cost { get; init; } = SampleCost.None;

    /// <summary>The fullest pool (highest utilization, then most ports): what one-line views and reports show.</summary>
    public PoolSample? Headline =>
        Pools.Count == 0
            ? null
            : Pools.OrderByDescending(p => p.UtilizationPercent).ThenByDescending(p => p.PortsInUse).First();
}
