namespace HealthChecksSample;

internal sealed record HealthBody(string Status, IReadOnlyDictionary<string, HealthEntry> Checks);
