using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Model;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>Runs the check the way the framework does: a registration, a context, one probe.</summary>
internal static class Probes
{
    public static HealthCheckResult Judge(Snapshot snapshot, Action<EphemeralPortsHealthCheckOptions>? setup = null, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var options = new EphemeralPortsHealthCheckOptions();
        setup?.Invoke(options);
        var cache = new ObservationCache(new FixedSource(snapshot), new ManualClock(), options.CacheDuration);
        return Run(new EphemeralPortsHealthCheck(options, cache), failureStatus);
    }

    public static HealthCheckResult Run(EphemeralPortsHealthCheck check, HealthStatus failureStatus = HealthStatus.Unhealthy) =>
        check.CheckHealthAsync(Context(check, failureStatus), TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public static HealthCheckContext Context(IHealthCheck check, HealthStatus failureStatus = HealthStatus.Unhealthy) => new()
    {
        Registration = new HealthCheckRegistration("ephemeral-ports", check, failureStatus, tags: null),
    };
}
