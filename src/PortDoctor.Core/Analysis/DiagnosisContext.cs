using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Core.Analysis;

/// <summary>What a diagnosis may use besides the snapshot itself; all optional, whatever the source.</summary>
public sealed record DiagnosisContext
{
    public static readonly DiagnosisContext Empty = new();

    /// <summary>Earlier snapshots of the same host (TIME_WAIT 4-tuple history).</summary>
    public IReadOnlyList<Snapshot> Previous { get; init; } = [];

    /// <summary>Per-process socket growth across a time series (periodic log), largest first; empty for one sample.</summary>
    public IReadOnlyList<ProcessGrowth> Growth { get; init; } = [];

    /// <summary>A recent failure trace of this host (`portdoctor trace`), when there is one.</summary>
    public Tracing.TraceSummary? RecentTrace { get; init; }

    /// <summary>Linux /proc/net/netstat counters, when read.</summary>
    public IReadOnlyDictionary<string, long>? KernelCounters { get; init; }
}
