namespace PortDoctor.Core.Analysis;

/// <summary>One process (or one program's processes together) holds more than <see cref="Diagnostician.CulpritAtRiskPercent"/> of the pool.</summary>
public sealed record CulpritShareFinding(int Pid, string? Process, LeakPattern Pattern, int Ports, double Percent) : Finding
{
    /// <summary>1 for one process; more for a program culprit (<see cref="Culprit.MemberPids"/>).</summary>
    public int Processes { get; init; } = 1;

    public override FindingKind Kind => FindingKind.CulpritShare;
}
