using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortDoctor.HealthChecks;

/// <summary>
/// Healthy, Degraded or the registration's failure status by how full the fullest ephemeral pool or destination is,
/// read from a snapshot shared for <see cref="EphemeralPortsHealthCheckOptions.CacheDuration"/>. Opens no TCP/UDP socket.
/// </summary>
public sealed class EphemeralPortsHealthCheck : IHealthCheck
{
    private readonly EphemeralPortsHealthCheckOptions _options;
    private readonly ObservationCache _cache;

    internal EphemeralPortsHealthCheck(EphemeralPortsHealthCheckOptions options, ObservationCache cache)
    {
        _options = options;
        _cache = cache;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cached = await _cache.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (cached.Observation is not { } observation)
        {
            return EphemeralPortsAssessment.Unknown("the snapshot could not be taken: " + cached.Error);
        }

        return EphemeralPortsAssessment.Judge(observation.Snapshot, _options, Environment.ProcessId, context.Registration.FailureStatus);
    }
}
