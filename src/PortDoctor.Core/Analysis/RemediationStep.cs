namespace PortDoctor.Core.Analysis;

/// <summary>One numbered remediation step: what to do, and the exact command when there is one.</summary>
public sealed record RemediationStep(string Kind, string Text)
{
    public string? Command { get; init; }
}
