using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Local ports used from one local address toward one remote endpoint (Linux reuses a local port
/// toward different destinations, so each destination has its own budget).
/// </summary>
public sealed record DestinationPressure(string LocalAddress, Endpoint Remote, int Ports)
{
    /// <summary>Of <see cref="Ports"/>, how many sit in TIME_WAIT.</summary>
    public int TimeWait { get; init; }
}
