using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>What one process holds: its sockets by state, the ephemeral ports among them, and its handle counts.</summary>
/// <remarks><see cref="Process"/> is null when no source named the process.</remarks>
public sealed record ProcessConsumer(int Pid, string? Process)
{
    /// <summary>All the process's TCP/UDP sockets, by state.</summary>
    public IReadOnlyDictionary<SocketState, int> SocketsByState { get; init; } = new Dictionary<SocketState, int>();

    /// <summary>Outbound or bound sockets whose local port is in the ephemeral range, by state.</summary>
    public IReadOnlyDictionary<SocketState, int> EphemeralByState { get; init; } = new Dictionary<SocketState, int>();

    /// <summary>TIME_WAIT sockets inferred to be this process's (see <see cref="TimeWaitOwners"/>).</summary>
    public int AttributedTimeWait { get; init; }

    /// <summary>Orphaned FIN_WAIT_1/2, CLOSING and LAST_ACK sockets inferred to be this process's.</summary>
    public int AttributedClosing { get; init; }

    /// <summary>UDP sockets on an ephemeral port (kept apart from the TCP states).</summary>
    public int EphemeralUdp { get; init; }

    public AttributionConfidence TimeWaitConfidence { get; init; }

    public int? HandleCount { get; init; }

    public int? SocketCount { get; init; }

    /// <summary>Linux: socket fds that no TCP/UDP table lists (bound-only on older kernels, or unix/netlink sockets).</summary>
    public int? UnlistedSocketCount { get; init; }

    /// <summary>The snapshot lists bound-only sockets (<see cref="Snapshot.ListsBoundOnlySockets"/>): <see cref="UnlistedSocketCount"/> is no sign of them.</summary>
    public bool BoundOnlyListed { get; init; }

    public HandleLevel HandleLevel { get; init; }

    /// <summary>The remote endpoints this process has the most ephemeral TCP sockets toward, most first (at most <see cref="ProcessConsumers.TopDestinations"/>).</summary>
    public IReadOnlyList<DestinationShare> TopDestinations { get; init; } = [];

    /// <summary>The remote endpoint this process has the most ephemeral sockets toward, if any.</summary>
    public Endpoint? TopDestination => TopDestinations.Count > 0 ? TopDestinations[0].Remote : null;

    public int TopDestinationSockets => TopDestinations.Count > 0 ? TopDestinations[0].Sockets : 0;

    /// <summary>
    /// Of its live ephemeral sockets, those on a local port another of its sockets already holds: on
    /// Linux one port serves connects toward several destinations (and IPv4 and IPv6 alike), so
    /// sockets are not ports. Set by <see cref="ProcessConsumers.WithSharedPorts"/> (diagnose); 0 when not counted.
    /// </summary>
    public int SocketsOnSharedPorts { get; init; }

    /// <summary>Ephemeral sockets this process holds, TIME_WAIT attributed to it included.</summary>
    public int EphemeralSockets => EphemeralByState.Values.Sum() + AttributedTimeWait + AttributedClosing + EphemeralUdp;

    /// <summary>Ephemeral ports this process holds, TIME_WAIT attributed to it included (sockets on a port it already holds counted once when known).</summary>
    public int EphemeralPorts => EphemeralSockets - SocketsOnSharedPorts;
}
