namespace PortDoctor.Core.Analysis;

/// <summary>A process over the guide's handle thresholds (3,000 suspicious, 10,000 likely culprit).</summary>
public sealed record HandlesOverThresholdFinding(int Pid, string? Process, int Handles, int? Sockets, HandleLevel Level) : Finding
{
    public override FindingKind Kind => FindingKind.HandlesOverThreshold;

    /// <summary>The threshold the count is over (10,000 for a likely culprit, else 3,000).</summary>
    public int Threshold => Level == HandleLevel.LikelyCulprit ? HandleThresholds.LikelyCulprit : HandleThresholds.Suspicious;
}
