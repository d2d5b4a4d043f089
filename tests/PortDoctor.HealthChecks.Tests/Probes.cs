using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>Runs the check the way the framework does: a registration, a context, one probe.</summary>
internal static class Probes
{
    public static HealthCheckResult Judge(Snapshot snapshot, Action<EphemeralPortsHealthCheckOptions>? setup = null, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var options = new EphemeralPortsHealthCheckOptions();
        setup?.Invoke(options);
        return Run(Check(new FixedSource(snapshot), new ManualClock(), options, failureStatus), failureStatus);
    }

    /// <summary>The check as one registration makes it (default options unless given).</summary>
    public static EphemeralPortsHealthCheck Check(
        ISnapshotSource source, TimeProvider clock, EphemeralPortsHealthCheckOptions? options = null, HealthStatus failureStatus = HealthStatus.Unhealthy) =>
        new(EphemeralPortsHealthCheck.CreateCache(options ?? new EphemeralPortsHealthCheckOptions(), source, clock, failureStatus));

    public static HealthCheckResult Run(EphemeralPortsHealthCheck check, HealthStatus failureStatus = HealthStatus.Unhealthy) =>
        check.CheckHealthAsync(Context(check, failureStatus), TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public static HealthCheckContext Context(IHealthCheck check, HealthStatus failureStatus = HealthStatus.Unhealthy) => new()
    {
        Registration = new HealthCheckRegistration("ephemeral-ports", check, failureStatus, tags: null),
    };
}
