namespace HealthChecksSample;

internal sealed record HealthEntry(string Status, string? Description, IReadOnlyDictionary<string, object> Data);
