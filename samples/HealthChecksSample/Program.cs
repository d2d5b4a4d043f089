using System.Globalization;
using HealthChecksSample;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PortDoctor.HealthChecks;

// Usage: HealthChecksSample [PORT] [all]; or HEALTH_PORT / HEALTH_OWNER_SCOPE=all. Listens on 127.0.0.1 only.
var port = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("HEALTH_PORT") ?? "5080";
var allOwners = (args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("HEALTH_OWNER_SCOPE")) is "all";
if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
{
    await Console.Error.WriteLineAsync($"healthchecks-sample: the port '{port}' is not a number from 1 to 65535").ConfigureAwait(false);
    return 64;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{number}");
builder.Services.AddHealthChecks().AddEphemeralPorts(o => o.OwnerScope = allOwners ? OwnerScope.All : OwnerScope.Self);

var app = builder.Build();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync });
await app.RunAsync().ConfigureAwait(false);
return 0;
