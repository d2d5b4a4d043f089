using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>An outbound test that did not succeed; <see cref="ProbeOutcome.AddressUnavailable"/> confirms exhaustion, the others do not.</summary>
public sealed record ProbeFailedFinding(string Target, ProbeOutcome Outcome, string? ErrorName, int? NativeError) : Finding
{
    public override FindingKind Kind => FindingKind.ProbeFailed;

    public bool ConfirmsExhaustion => Outcome == ProbeOutcome.AddressUnavailable;
}
