namespace PortDoctor.Core.Analysis;

/// <summary>How full the headline pool is (its ports in use, capacity, and the destination the number is about).</summary>
public sealed record PoolUsageFinding(EphemeralUsage Pool) : Finding
{
    public override FindingKind Kind => FindingKind.PoolUsage;
}
