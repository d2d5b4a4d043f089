using System.Globalization;

namespace PortDoctor.Core.Analysis;

/// <summary>How a culprit is named where Core words a step (the CLI has its own renderer for findings).</summary>
public static class Culprits
{
    /// <summary>"worker (12 processes: PIDs 40, 41, 42, ...)" for a program culprit.</summary>
    public static string Members(Culprit culprit)
    {
        ArgumentNullException.ThrowIfNull(culprit);
        var pids = string.Join(", ", culprit.MemberPids.Take(3).Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var more = culprit.MemberPids.Count > 3 ? ", ..." : "";
        return string.Create(CultureInfo.InvariantCulture, $"{culprit.Process} ({culprit.MemberPids.Count} processes: PIDs {pids}{more})");
    }
}
