using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortDoctor.HealthChecks;

/// <summary>One refresh's judgement (failures too: no retry storm), stamped when the refresh began.</summary>
internal sealed record CachedResult(HealthCheckResult Result, DateTimeOffset TakenAt);
