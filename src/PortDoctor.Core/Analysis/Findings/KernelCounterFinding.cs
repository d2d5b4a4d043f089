namespace PortDoctor.Core.Analysis;

/// <summary>A non-zero /proc/net/netstat counter that speaks to exhaustion (meaning in <see cref="ExhaustionCounters"/>).</summary>
public sealed record KernelCounterFinding(string Name, long Value) : Finding
{
    public override FindingKind Kind => FindingKind.KernelCounter;
}
