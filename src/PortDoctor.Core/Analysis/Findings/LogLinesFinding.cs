namespace PortDoctor.Core.Analysis;

/// <summary>Kernel or system log lines with one message (evidence, not confirmation).</summary>
public sealed record LogLinesFinding(string Source, int Count, DateTimeOffset Last, string Message) : Finding
{
    public override FindingKind Kind => FindingKind.LogLines;
}
