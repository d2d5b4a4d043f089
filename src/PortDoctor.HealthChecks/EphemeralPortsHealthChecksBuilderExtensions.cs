using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Sources;
using PortDoctor.Platform;

namespace PortDoctor.HealthChecks;

/// <summary>Registers the ephemeral port check, Xabaril style: <c>services.AddHealthChecks().AddEphemeralPorts()</c>.</summary>
public static class EphemeralPortsHealthChecksBuilderExtensions
{
    private const string DefaultName = "ephemeral-ports";

    /// <param name="builder">The health checks builder.</param>
    /// <param name="setup">Changes the options (thresholds, cache duration, owner scope); validated at once.</param>
    /// <param name="name">The check's name; "ephemeral-ports" when null.</param>
    /// <param name="failureStatus">The status above <see cref="EphemeralPortsHealthCheckOptions.UnhealthyPercent"/>; Unhealthy when null.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready").</param>
    /// <param name="timeout">How long one probe may wait for a refresh.</param>
    public static IHealthChecksBuilder AddEphemeralPorts(
        this IHealthChecksBuilder builder,
        Action<EphemeralPortsHealthCheckOptions>? setup = null,
        string? name = default,
        HealthStatus? failureStatus = default,
        IEnumerable<string>? tags = default,
        TimeSpan? timeout = default)
    {
        var options = new EphemeralPortsHealthCheckOptions();
        setup?.Invoke(options);
        options.Validate();
        return builder.AddEphemeralPorts(options, services => LiveSnapshots(options, services), name, failureStatus, tags, timeout);
    }

    /// <summary>The registration with its snapshot source given (tests use a fixed one).</summary>
    internal static IHealthChecksBuilder AddEphemeralPorts(
        this IHealthChecksBuilder builder,
        EphemeralPortsHealthCheckOptions options,
        Func<IServiceProvider, ISnapshotSource> source,
        string? name,
        HealthStatus? failureStatus,
        IEnumerable<string>? tags,
        TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The framework calls the factory for every probe: the cache lives in the registration, created once.
        ObservationCache? cache = null;
        return builder.Add(new HealthCheckRegistration(
            name ?? DefaultName,
            services => new EphemeralPortsHealthCheck(LazyInitializer.EnsureInitialized(
                ref cache,
                () => EphemeralPortsHealthCheck.CreateCache(options, source(services), Clock(services), failureStatus ?? HealthStatus.Unhealthy))),
            failureStatus,
            tags,
            timeout));
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>
    /// The live host with no outbound test (it would take ports) and no kernel log (not needed for a level);
    /// owners from this process only unless <see cref="OwnerScope.All"/>.
    /// </summary>
    private static LiveSource LiveSnapshots(EphemeralPortsHealthCheckOptions options, IServiceProvider services) => new(
        HostPlatform.Create(Clock(services)),
        new LiveSourceOptions
        {
            Probe = false,
            KernelEvidence = false,
            Collect = new CollectOptions
            {
                ProcessDetails = false,
                OwnerPids = options.OwnerScope == OwnerScope.All ? null : [Environment.ProcessId],
            },
        });
}
