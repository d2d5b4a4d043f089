namespace PortDoctor.Core;

/// <summary>
/// Every exit code the tool returns. 0-2 are diagnose's verdicts (other verbs return 0 on success);
/// the rest follow BSD sysexits so scripts can tell a usage slip from bad data or missing rights.
/// </summary>
public enum ExitCode
{
    Ok = 0,
    AtRisk = 1,
    Exhausted = 2,
    Usage = 64,
    BadInput = 65,
    Unavailable = 69,
    Internal = 70,
    NoPermission = 77,
    Cancelled = 130,
}
