using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthChecksSample;

/// <summary>Writes the report as JSON: overall status, and per check its status, description and data.</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthBody(
            report.Status.ToString(),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthEntry(e.Value.Status.ToString(), e.Value.Description, e.Value.Data),
                StringComparer.Ordinal));
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, SampleJsonContext.Default.HealthBody, context.RequestAborted);
    }
}
