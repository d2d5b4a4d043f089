using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>TIME_WAIT (and other orphaned closing) sockets toward one remote endpoint, the process inferred to have owned them, and how sure that is.</summary>
public sealed record TimeWaitAttribution(int? Pid, string? Process, Endpoint Remote, int Count, AttributionConfidence Confidence, string Basis)
{
    /// <summary>Of <see cref="Count"/>, how many hold a port of the ephemeral range (server-side ones hold the listener's).</summary>
    public int EphemeralCount { get; init; }

    /// <summary>True for orphaned FIN_WAIT_1/2, CLOSING and LAST_ACK sockets, false for TIME_WAIT.</summary>
    public bool Closing { get; init; }
}
