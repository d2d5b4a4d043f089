namespace PortDoctor.Core.Analysis;

/// <summary>
/// A missing privilege hid the owners of <see cref="Sockets"/> sockets, <see cref="EphemeralSockets"/>
/// of them on ephemeral ports. <see cref="CouldHoldCulprit"/>: they are enough to be the culprit, so
/// no culprit (or a smaller one) can be named; the fix is to run as root/administrator.
/// </summary>
public sealed record OwnersUnreadableFinding(int Sockets, int EphemeralSockets, bool CouldHoldCulprit) : Finding
{
    public override FindingKind Kind => FindingKind.OwnersUnreadable;
}
