using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>
/// Healthy, Degraded or the registration's failure status by how full the fullest ephemeral pool or destination is,
/// judged once per snapshot and shared for <see cref="EphemeralPortsHealthCheckOptions.CacheDuration"/>. Opens no TCP/UDP socket.
/// </summary>
public sealed class EphemeralPortsHealthCheck : IHealthCheck
{
    private readonly ObservationCache _cache;

    internal EphemeralPortsHealthCheck(ObservationCache cache) => _cache = cache;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (await _cache.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>The cache one registration shares across probes; <paramref name="failureStatus"/> is the registration's.</summary>
    internal static ObservationCache CreateCache(
        EphemeralPortsHealthCheckOptions options, ISnapshotSource source, TimeProvider time, HealthStatus failureStatus) =>
        new(source, observation => EphemeralPortsAssessment.Judge(observation.Snapshot, options, Environment.ProcessId, failureStatus), time, options.CacheDuration);
}
