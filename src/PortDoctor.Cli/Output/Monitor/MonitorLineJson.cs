using PortDoctor.Cli.Output.History;

namespace PortDoctor.Cli.Output.Monitor;

/// <summary>One sample as one line of `monitor --format json`; `error` is set (and the rest empty) when the sample failed.</summary>
internal sealed record MonitorLineJson(
    DateTimeOffset Time,
    string? Pool,
    int? PortsInUse,
    int? Capacity,
    double? UtilizationPercent,
    IReadOnlyList<HistoryProcessJson> Processes,
    string? Probe,
    int EventsSinceLast,
    double CostMs,
    double CpuMs,
    string? Error)
{
    /// <summary>The network namespace label of the sample (`--netns`: its name, else net:[inode]); null: the caller's own.</summary>
    public string? Namespace { get; init; }
}
