namespace PortDoctor.Platform.Tracing;

/// <summary>How long to trace, and which processes (empty: all).</summary>
public sealed record TraceRequest(TimeSpan Duration, IReadOnlyList<int> Pids);
