using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// The one spelling of each analysis and model value in output (JSON, CSV, tables): kebab-case,
/// stable. Socket states keep netstat's spelling (<see cref="SocketStateNames"/>).
/// </summary>
public static class AnalysisNames
{
    public static string ToName(this LeakPattern pattern) => pattern switch
    {
        LeakPattern.Bound => "bound",
        LeakPattern.Established => "established",
        LeakPattern.CloseWait => "close-wait",
        LeakPattern.TimeWait => "time-wait",
        LeakPattern.SynSent => "syn-sent",
        LeakPattern.Closing => "closing",
        LeakPattern.UdpBound => "udp-bound",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };

    public static string ToName(this Verdict verdict) => verdict switch
    {
        Verdict.Healthy => "healthy",
        Verdict.AtRisk => "at-risk",
        Verdict.Exhausted => "exhausted",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string ToName(this AttributionConfidence confidence) => confidence switch
    {
        AttributionConfidence.High => "high",
        AttributionConfidence.Medium => "medium",
        AttributionConfidence.Low => "low",
        _ => "none",
    };

    public static string ToName(this HandleLevel level) => level switch
    {
        HandleLevel.Suspicious => "suspicious",
        HandleLevel.LikelyCulprit => "likely-culprit",
        HandleLevel.AllowListed => "allow-listed",
        _ => "normal",
    };

    public static string ToName(this ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Succeeded => "succeeded",
        ProbeOutcome.AddressUnavailable => "address-unavailable",
        ProbeOutcome.Refused => "refused",
        ProbeOutcome.TimedOut => "timed-out",
        ProbeOutcome.Unreachable => "unreachable",
        _ => "other-error",
    };

    public static string ToName(this TransportProtocol protocol) => protocol == TransportProtocol.Udp ? "udp" : "tcp";

    public static string ToName(this IpFamily family) => family == IpFamily.IPv6 ? "ipv6" : "ipv4";

    /// <summary>"ipv4"/"ipv6"; null for no family (Linux pools serve both).</summary>
    public static string? ToName(this IpFamily? family) => family switch
    {
        IpFamily.IPv4 => "ipv4",
        IpFamily.IPv6 => "ipv6",
        _ => null,
    };

    public static string ToName(this FindingKind kind) => kind switch
    {
        FindingKind.ProbeFailed => "probe-failed",
        FindingKind.ConfirmingEvents => "confirming-events",
        FindingKind.PoolUsage => "pool-usage",
        FindingKind.PoolFullOfTimeWait => "pool-full-of-time-wait",
        FindingKind.PortsHeld => "ports-held",
        FindingKind.HandlesOverThreshold => "handles-over-threshold",
        FindingKind.OwnersUnreadable => "owners-unreadable",
        FindingKind.NoOwnersInInput => "no-owners-in-input",
        FindingKind.CountedWithoutPorts => "counts-without-ports",
        FindingKind.CulpritShare => "culprit-share",
        FindingKind.Forecast => "forecast",
        FindingKind.Growth => "growth",
        FindingKind.LogLines => "log-lines",
        FindingKind.PoolDetail => "pool-detail",
        FindingKind.OrphanedSockets => "orphaned-sockets",
        FindingKind.KernelCounter => "kernel-counter",
        FindingKind.NoForecast => "no-forecast",
        FindingKind.TraceFailures => "trace-failures",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParsePattern(string text, out LeakPattern pattern)
    {
        foreach (var candidate in Enum.GetValues<LeakPattern>())
        {
            if (string.Equals(candidate.ToName(), text, StringComparison.OrdinalIgnoreCase))
            {
                pattern = candidate;
                return true;
            }
        }

        pattern = default;
        return false;
    }
}
