using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>One refresh's outcome: the observation, or why there is none. Failures are cached too (no retry storm).</summary>
internal sealed record CachedObservation(Observation? Observation, string? Error, DateTimeOffset TakenAt);
