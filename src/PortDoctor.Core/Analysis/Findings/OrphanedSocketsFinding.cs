namespace PortDoctor.Core.Analysis;

/// <summary>TIME_WAIT and orphaned closing sockets: how many an owner was inferred for, how many have none.</summary>
public sealed record OrphanedSocketsFinding(int Sockets, int Attributed, int Unattributed) : Finding
{
    public override FindingKind Kind => FindingKind.OrphanedSockets;
}
