namespace PortDoctor.Core.Analysis;

/// <summary>The pool is at its limit only because of TIME_WAIT sockets, and nothing confirms a failed connect.</summary>
public sealed record PoolFullOfTimeWaitFinding(int Ports, int TimeWaitOnlyPorts, int Capacity) : Finding
{
    public override FindingKind Kind => FindingKind.PoolFullOfTimeWait;
}
