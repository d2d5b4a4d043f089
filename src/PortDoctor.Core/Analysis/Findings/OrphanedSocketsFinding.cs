namespace PortDoctor.Core.Analysis;

/// <summary>TIME_WAIT and orphaned closing sockets: how many an owner was inferred for, how many have none.</summary>
public sealed record OrphanedSocketsFinding(int Sockets, int Attributed, int Unattributed) : Finding
{
    /// <summary>Of <see cref="Attributed"/>, those whose owner holds no socket now and is not listed (exited since the monitor saw it).</summary>
    public int ToGoneProcesses { get; init; }

    public override FindingKind Kind => FindingKind.OrphanedSockets;
}
