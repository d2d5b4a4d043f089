namespace PortDoctor.Core.Analysis;

/// <summary>
/// The guide's thresholds: over 3,000 handles is suspicious, a culprit has over 10,000; "System",
/// lsass.exe, store.exe and sqlservr.exe (and their Linux counterparts) legitimately hold many.
/// </summary>
public static class HandleThresholds
{
    public const int Suspicious = 3000;
    public const int LikelyCulprit = 10000;

    /// <summary>Processes that hold many handles by design; names compared without ".exe", case-insensitively.</summary>
    public static readonly IReadOnlySet<string> AllowList = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "System", "lsass", "store", "sqlservr", "sqlsvr", "svchost", "MsMpEng", "dns", "w3wp", "csrss", "services",
        "systemd", "systemd-journald", "systemd-udevd", "systemd-logind", "dbus-daemon", "dockerd", "containerd",
        "kubelet", "mysqld", "postgres",
    };

    public static HandleLevel Classify(string? processName, int? handleCount)
    {
        if (handleCount is not { } count || count <= Suspicious)
        {
            return HandleLevel.Normal;
        }

        var name = processName ?? "";
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        if (AllowList.Contains(name))
        {
            return HandleLevel.AllowListed;
        }

        return count > LikelyCulprit ? HandleLevel.LikelyCulprit : HandleLevel.Suspicious;
    }
}
