namespace PortDoctor.Core.Tracing;

/// <summary>Maps the trace clock (seconds, e.g. CLOCK_MONOTONIC) to wall time from one reading of both taken together.</summary>
public sealed record TraceClock(double TraceSecondsAtAnchor, DateTimeOffset WallAtAnchor)
{
    public DateTimeOffset ToWall(double traceSeconds) => WallAtAnchor + TimeSpan.FromSeconds(traceSeconds - TraceSecondsAtAnchor);
}
