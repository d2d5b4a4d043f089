namespace PortDoctor.Core.Analysis;

/// <summary>The input names no owner for any socket (no PID column): no culprit can be named from it.</summary>
public sealed record NoOwnersInInputFinding(int EphemeralSockets) : Finding
{
    public override FindingKind Kind => FindingKind.NoOwnersInInput;
}
