using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// How full one ephemeral pool is. <see cref="Family"/> is null on Linux, where IPv4 and IPv6
/// share one port space per protocol.
/// </summary>
public sealed record EphemeralUsage(TransportProtocol Protocol, IpFamily? Family, PortRange Range)
{
    /// <summary>Ports in the range minus reserved/excluded ones.</summary>
    public int Capacity { get; init; }

    /// <summary>Distinct local ports in the range held by any socket (what netstat shows).</summary>
    public int DistinctPortsHeld { get; init; }

    /// <summary>
    /// Ports no other connection can use: Windows every held port (one global pool); Linux ports
    /// held by listeners and bound-only sockets.
    /// </summary>
    public int GlobalPressure { get; init; }

    /// <summary>Linux: the destinations with the most local ports, worst first (empty on Windows and UDP).</summary>
    public IReadOnlyList<DestinationPressure> WorstDestinations { get; init; } = [];

    /// <summary>Ports unavailable to the next connect toward the worst destination (or globally).</summary>
    public int HeadlinePorts { get; init; }

    /// <summary>TIME_WAIT sockets the kernel may reuse for new connects (tcp_tw_reuse), left out of the pressure.</summary>
    public int ReusableTimeWait { get; init; }

    /// <summary>
    /// Of <see cref="HeadlinePorts"/>, ports held by TIME_WAIT sockets only: without them the pool
    /// would not be as full (many TIME_WAIT alone is not exhaustion).
    /// </summary>
    public int TimeWaitOnlyPorts { get; init; }

    public double UtilizationPercent => Capacity == 0 ? 100 : Math.Round(100.0 * HeadlinePorts / Capacity, 1);

    /// <summary>"global" or the worst destination the headline comes from.</summary>
    public string HeadlineScope { get; init; } = "global";

    /// <summary>The destination the headline is about (Linux TCP), or null when it counts the whole pool.</summary>
    public DestinationPressure? HeadlineDestination { get; init; }
}
