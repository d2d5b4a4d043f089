namespace PortDoctor.Core.Analysis;

/// <summary>
/// Linux: <see cref="Held"/> of the pool's ports hold a socket, though a connect toward the fullest
/// destination sees fewer in use (ports held toward other destinations can be shared by connects).
/// A bind to port 0, a listener on port 0 and a program that binds its source address before it
/// connects need a port no socket holds: they find only <see cref="Free"/>.
/// </summary>
public sealed record PortsHeldFinding(EphemeralUsage Pool, int Held, int Free, double Percent) : Finding
{
    public override FindingKind Kind => FindingKind.PortsHeld;
}
