using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Analysis;

/// <summary>What a diagnosis may use besides the snapshot itself; all optional, whatever the source.</summary>
public sealed record DiagnosisContext
{
    public static readonly DiagnosisContext Empty = new();

    /// <summary>Earlier snapshots of the same host (TIME_WAIT 4-tuple history).</summary>
    public IReadOnlyList<Snapshot> Previous { get; init; } = [];

    /// <summary>Per-process socket growth across a time series (periodic log), largest first; empty for one sample.</summary>
    public IReadOnlyList<ProcessGrowth> Growth { get; init; } = [];

    /// <summary>A periodic log's samples as counts, in time order (empty for one sample): the forecast's input.</summary>
    public IReadOnlyList<SampleSummary> Series { get; init; } = [];

    /// <summary>The monitor's history of the headline pool (owned ports per sample), when a database was given: preferred to <see cref="Series"/>.</summary>
    public IReadOnlyList<SeriesSample> History { get; init; } = [];

    /// <summary>The top processes' ports per sample from the same history: who leads the forecast's growth.</summary>
    public IReadOnlyList<ProcessPoint> HistoryProcesses { get; init; } = [];

    /// <summary>A recent failure trace of this host (`portdoctor trace`), when there is one.</summary>
    public Tracing.TraceSummary? RecentTrace { get; init; }

    /// <summary>The snapshot's ephemeral usage when the source already computed it (the live source, for its probe target).</summary>
    public ComputedUsage? Usage { get; init; }

    /// <summary>Linux /proc/net/netstat counters, when read.</summary>
    public IReadOnlyDictionary<string, long>? KernelCounters { get; init; }
}
