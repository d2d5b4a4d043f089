namespace PortDoctor.HealthChecks;

/// <summary>The keys of <c>HealthCheckResult.Data</c> (documented in the package README).</summary>
public static class EphemeralPortsData
{
    /// <summary>double: percent of the fullest pool or destination in use.</summary>
    public const string UtilizationPercent = "utilization_percent";

    /// <summary>int: ports unavailable to the next connect there.</summary>
    public const string PortsInUse = "ports_in_use";

    /// <summary>int: ports in the range minus reserved/excluded ones.</summary>
    public const string Capacity = "capacity";

    /// <summary>string: the fullest pool, e.g. "tcp 32768-60999" (Windows adds the family).</summary>
    public const string WorstPool = "worst_pool";

    /// <summary>string: "global", or the destination the count is about ("10.0.0.5 -> 10.0.0.7:5432").</summary>
    public const string Scope = "scope";

    /// <summary>int: of the ports in use, those held by TIME_WAIT only.</summary>
    public const string TimeWaitOnlyPorts = "time_wait_only_ports";

    /// <summary>string: when the snapshot was taken (ISO 8601, UTC).</summary>
    public const string SnapshotTime = "snapshot_time";

    /// <summary>int: this application's process id.</summary>
    public const string OwnPid = "own_pid";

    /// <summary>int: distinct local ports of the worst pool held by this application's own sockets.</summary>
    public const string OwnPorts = "own_ports";

    /// <summary>double: <see cref="OwnPorts"/> as a percent of the worst pool's distinct ports held.</summary>
    public const string OwnSharePercent = "own_share_percent";

    /// <summary><see cref="PortHolder"/>[]: the top 5 processes by ephemeral ports (OwnerScope.All only).</summary>
    public const string TopProcesses = "top_processes";

    /// <summary>string: why <see cref="TopProcesses"/> is absent or incomplete.</summary>
    public const string TopProcessesMissing = "top_processes_missing";

    /// <summary>string: what could not be read, when the check could not judge.</summary>
    public const string Missing = "missing";
}
