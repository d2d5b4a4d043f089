namespace PortDoctor.HealthChecks;

/// <summary>Thresholds and costs of <see cref="EphemeralPortsHealthCheck"/>.</summary>
public sealed class EphemeralPortsHealthCheckOptions
{
    /// <summary>The shortest cache allowed: one snapshot per 10 s at most, however often the check is probed.</summary>
    public static readonly TimeSpan MinimumCacheDuration = TimeSpan.FromSeconds(10);

    /// <summary>Degraded from this utilization (percent) of the fullest pool or destination on.</summary>
    public double DegradedPercent { get; set; } = 70;

    /// <summary>The registration's failure status (Unhealthy by default) from this utilization (percent) on.</summary>
    public double UnhealthyPercent { get; set; } = 90;

    /// <summary>How long one snapshot answers every probe; at least <see cref="MinimumCacheDuration"/>.</summary>
    public TimeSpan CacheDuration { get; set; } = MinimumCacheDuration;

    /// <summary>Whose sockets are resolved to a process; <see cref="OwnerScope.All"/> adds the top 5 processes.</summary>
    public OwnerScope OwnerScope { get; set; } = OwnerScope.Self;

    /// <summary>Throws when the options cannot work (called once, when the check is registered).</summary>
    internal void Validate()
    {
        if (DegradedPercent is <= 0 or > 100 || double.IsNaN(DegradedPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(DegradedPercent), DegradedPercent, "DegradedPercent must be above 0 and at most 100");
        }

        if (UnhealthyPercent < DegradedPercent || UnhealthyPercent > 100 || double.IsNaN(UnhealthyPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(UnhealthyPercent), UnhealthyPercent, $"UnhealthyPercent must be from DegradedPercent ({DegradedPercent}) to 100");
        }

        if (CacheDuration < MinimumCacheDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheDuration), CacheDuration, "CacheDuration must be at least 10 s: a health check must not become a load of its own");
        }
    }
}
