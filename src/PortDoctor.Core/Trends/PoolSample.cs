using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// One ephemeral pool in a sample. <see cref="PortsInUse"/> is the headline count of the
/// analysis (ports unavailable to the next connect), so utilization matches `diagnose`.
/// </summary>
public sealed record PoolSample(TransportProtocol Protocol, IpFamily? Family, int Capacity, int PortsInUse)
{
    /// <summary>Sockets of this pool per state.</summary>
    public IReadOnlyDictionary<SocketState, int> ByState { get; init; } = new Dictionary<SocketState, int>();

    /// <summary>Linux: the destinations with the most local ports, worst first (empty on Windows and UDP).</summary>
    public IReadOnlyList<DestinationSample> WorstDestinations { get; init; } = [];

    public double UtilizationPercent => Capacity == 0 ? 100 : Math.Round(100.0 * PortsInUse / Capacity, 1);

    /// <summary>"tcp4", "udp6", or "tcp" when both families share the pool.</summary>
    public string Name =>
        (Protocol == TransportProtocol.Tcp ? "tcp" : "udp") + Family switch
        {
            IpFamily.IPv4 => "4",
            IpFamily.IPv6 => "6",
            _ => "",
        };
}
