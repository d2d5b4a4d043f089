using Microsoft.Extensions.DependencyInjection;
using PortDoctor.HealthChecks;

namespace HealthChecksBench;

/// <summary>The check registered as an application would (defaults: 10 s cache, own process only), on the bench clock.</summary>
internal static class Registration
{
    public static ServiceProvider Build(TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddLogging().AddHealthChecks().AddEphemeralPorts();
        return services.BuildServiceProvider();
    }
}
