using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>Local ports used from one local address toward one remote endpoint, and how many of them are in TIME_WAIT.</summary>
public sealed record DestinationSample(string LocalAddress, Endpoint Remote, int Ports)
{
    public int TimeWait { get; init; }
}
