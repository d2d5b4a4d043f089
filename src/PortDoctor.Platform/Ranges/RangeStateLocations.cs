namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Where `range set` keeps its backup and writes persistent sysctls. Tests and unusual hosts
/// override them with PORTDOCTOR_STATE_DIR and PORTDOCTOR_SYSCTL_DIR (or --state-dir/--sysctl-dir).
/// </summary>
public static class RangeStateLocations
{
    public const string StateDirVariable = "PORTDOCTOR_STATE_DIR";
    public const string SysctlDirVariable = "PORTDOCTOR_SYSCTL_DIR";
    public const string DefaultSysctlDirectory = "/etc/sysctl.d";
    public const string BackupFileName = "range-backup.json";

    /// <param name="option">--state-dir, when given.</param>
    /// <param name="platformDefault">See <see cref="IHostPlatform.StateDirectory"/>.</param>
    public static string StateDirectory(string? option, string platformDefault) =>
        option ?? NonEmpty(Environment.GetEnvironmentVariable(StateDirVariable)) ?? platformDefault;

    public static string SysctlDirectory(string? option) =>
        option ?? NonEmpty(Environment.GetEnvironmentVariable(SysctlDirVariable)) ?? DefaultSysctlDirectory;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
