using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>One refresh's outcome: the observation, or why there is none (failures are cached too: no retry storm); stamped when it began.</summary>
internal sealed record CachedObservation(Observation? Observation, string? Error, DateTimeOffset TakenAt);
