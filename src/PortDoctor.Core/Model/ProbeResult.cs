namespace PortDoctor.Core.Model;

/// <summary>How an outbound test ended. AddressUnavailable is the signature of exhaustion.</summary>
public enum ProbeOutcome
{
    Succeeded,
    AddressUnavailable,
    Refused,
    TimedOut,
    Unreachable,
    OtherError,
}

/// <summary>
/// One outbound test (the guide's step 1): what was tried, how it ended, and the native error
/// (errno on Linux, WSA code on Windows) when it failed.
/// </summary>
public sealed record ProbeResult(string Target, ProbeOutcome Outcome)
{
    public int? NativeError { get; init; }

    public string? ErrorName { get; init; }

    public TimeSpan Elapsed { get; init; }
}
