namespace PortDoctor.Core.Analysis;

/// <summary>
/// TCP sockets given only as counts per state: if every one is outbound, up to <see cref="UpTo"/> of
/// the pool's <see cref="EphemeralUsage.Capacity"/> ports are in use.
/// </summary>
public sealed record CountedWithoutPortsFinding(int Sockets, int UpTo, double Percent, EphemeralUsage Pool) : Finding
{
    public override FindingKind Kind => FindingKind.CountedWithoutPorts;
}
