namespace PortDoctor.Core.Analysis;

/// <summary>One pool in full: capacity, distinct and exclusive ports, worst destinations, reusable TIME_WAIT.</summary>
public sealed record PoolDetailFinding(EphemeralUsage Pool) : Finding
{
    public override FindingKind Kind => FindingKind.PoolDetail;
}
