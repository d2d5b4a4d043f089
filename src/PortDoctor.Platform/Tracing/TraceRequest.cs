using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Tracing;

/// <summary>How long to trace, which processes (empty: all), and in which network namespace (null: every one).</summary>
public sealed record TraceRequest(TimeSpan Duration, IReadOnlyList<int> Pids, NetworkNamespaceInfo? Namespace = null);
