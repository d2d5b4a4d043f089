using PortDoctor.Core.Trends;

namespace PortDoctor.Core.Analysis;

/// <summary>A process whose socket count grew across the samples of a periodic log.</summary>
public sealed record GrowthFinding(ProcessGrowth Growth, string? Process) : Finding
{
    public override FindingKind Kind => FindingKind.Growth;
}
