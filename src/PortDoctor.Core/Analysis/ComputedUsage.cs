using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// The ephemeral usage of one snapshot, handed on so a later step of the same observation (the
/// monitor's sample after the live source's probe target) does not count every socket again.
/// </summary>
public sealed record ComputedUsage(Snapshot Of, IReadOnlyList<EphemeralUsage> Usage)
{
    /// <summary>
    /// Whether it still holds for <paramref name="snapshot"/>: the same socket list, port configuration
    /// and OS (what the accounting reads); a snapshot rebuilt with other sockets is counted again.
    /// </summary>
    public bool Fits(Snapshot snapshot) =>
        snapshot is not null && ReferenceEquals(Of.Sockets, snapshot.Sockets) && ReferenceEquals(Of.Ports, snapshot.Ports) && Of.Os == snapshot.Os;
}
