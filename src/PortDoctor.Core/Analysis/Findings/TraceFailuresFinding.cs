namespace PortDoctor.Core.Analysis;

/// <summary>
/// A recent `portdoctor trace` caught connects/binds failing for want of a port: the kernel refused
/// them, which confirms exhaustion happened (at that time), and names who met it most.
/// </summary>
public sealed record TraceFailuresFinding(
    long Failures,
    int Processes,
    int TopPid,
    string TopCommand,
    long TopFailures,
    DateTimeOffset Last,
    DateTimeOffset TraceEnded) : Finding
{
    public override FindingKind Kind => FindingKind.TraceFailures;
}
