namespace PortDoctor.Cli.Output.History;

/// <summary>One sample of `history`: its namespace, the headline pool's ports in use and utilization, and the top processes.</summary>
internal sealed record HistoryItemJson(DateTimeOffset Time, string? Pool, int PortsInUse, int Capacity, double UtilizationPercent, IReadOnlyList<HistoryProcessJson> Processes)
{
    /// <summary>The network namespace label the sample was taken in (`monitor --netns`/`--all-netns`); null: the monitor's own.</summary>
    public string? Namespace { get; init; }
}
