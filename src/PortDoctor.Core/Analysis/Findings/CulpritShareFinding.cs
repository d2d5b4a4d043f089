namespace PortDoctor.Core.Analysis;

/// <summary>One process holds more than <see cref="Diagnostician.CulpritAtRiskPercent"/> of the pool on its own.</summary>
public sealed record CulpritShareFinding(int Pid, string? Process, LeakPattern Pattern, int Ports, double Percent) : Finding
{
    public override FindingKind Kind => FindingKind.CulpritShare;
}
