using Microsoft.Extensions.DependencyInjection;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>A service collection with health checks added, as an application's startup has.</summary>
internal sealed class ServiceCollectionBuilder
{
    public ServiceCollectionBuilder() => Checks = Services.AddLogging().AddHealthChecks();

    public ServiceCollection Services { get; } = new();

    public IHealthChecksBuilder Checks { get; }
}
